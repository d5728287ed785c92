#!/bin/bash
# Entrypoint of the dind-junit/dind rootless images: starts dockerd as an unprivileged user under
# rootlesskit inside a privileged container, following the contract of the official
# docker:dind-rootless image.
#
# - The container runs as an unprivileged user (the image's USER, rootless with uid 1000 by
#   default) that has subordinate user and group ids in /etc/subuid and /etc/subgid.
# - dockerd serves the Unix socket $XDG_RUNTIME_DIR/docker.sock (default /run/user/<uid>) and keeps
#   its data in $HOME/.local/share/docker, which the image declares as a volume.
# - rootlesskit gives dockerd user, mount and network namespaces, with slirp4netns for the network,
#   and forwards the container's port 2376 (2375 without TLS) to dockerd.
# - TLS follows the same rules as dockerd-entrypoint.sh, whose functions this script uses:
#   DOCKER_TLS_CERTDIR, DOCKER_TLS_SAN, and certificates that the caller brings in
#   $DOCKER_TLS_CERTDIR/server when $DOCKER_TLS_CERTDIR/ca/key.pem does not exist.
#
# Before starting, it checks what rootless dockerd needs and names the fix when something is missing.
#
# Arguments: as for dockerd-entrypoint.sh. None runs dockerd, a first argument that starts with "-"
# adds flags to dockerd, "dockerd ..." runs dockerd with the given flags, and any other command runs
# as given.
set -euo pipefail

readonly DOCKERD_ROOTLESS=/usr/share/docker.io/contrib/dockerd-rootless.sh
readonly CAP_SYS_ADMIN=21

# shellcheck source=dockerd-entrypoint.sh
source /usr/local/bin/dockerd-entrypoint.sh

log() {
  echo "dockerd-rootless-entrypoint: $*" >&2
}

fail() {
  echo "dockerd-rootless-entrypoint: error: $*" >&2
  exit 1
}

# Fails unless this container is privileged. As an unprivileged user the entrypoint cannot use the
# rootful check (a writable /sys), so it looks for CAP_SYS_ADMIN in the bounding set, which Docker
# grants only to privileged containers unless --cap-add requests it.
check_privileged() {
  local bounding
  bounding="0x$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)"
  if (((bounding >> CAP_SYS_ADMIN) & 1)); then
    return
  fi
  fail "this container is not privileged (CAP_SYS_ADMIN is missing from its capability bounding set), but rootlesskit needs a privileged container to create namespaces: start it with --privileged"
}

# Fails unless file $1 (/etc/subuid or /etc/subgid) has an entry for user $2 with uid $3.
check_subordinate_ids() {
  local file="$1" name="$2" uid="$3"
  if [[ -r "$file" ]] && grep -qE "^($name|$uid):[0-9]+:[0-9]+$" "$file"; then
    return
  fi
  fail "$file has no subordinate ids for user $name (uid $uid), which newuidmap and newgidmap need: add a line such as '$name:100000:65536' to $file in the image"
}

check_user_namespaces() {
  local clone_file=/proc/sys/kernel/unprivileged_userns_clone max_file=/proc/sys/user/max_user_namespaces
  if [[ -r "$clone_file" && "$(cat "$clone_file")" != 1 ]]; then
    fail "$clone_file is $(cat "$clone_file"), so unprivileged users cannot create user namespaces: on the Docker host run 'sysctl -w kernel.unprivileged_userns_clone=1'"
  fi
  if [[ -r "$max_file" && "$(cat "$max_file")" == 0 ]]; then
    fail "$max_file is 0, so no user namespace can be created: on the Docker host run 'sysctl -w user.max_user_namespaces=28633'"
  fi
}

# slirp4netns opens /dev/net/tun as this user to give dockerd's network namespace an interface.
check_tun_device() {
  local uid="$1"
  if [[ ! -c /dev/net/tun ]]; then
    fail "/dev/net/tun is missing, but slirp4netns needs it: load the tun module on the Docker host ('modprobe tun')"
  fi
  # Opening the device tests more than its mode: a device on a file system mounted nodev cannot be
  # opened either.
  if ! { true <>/dev/net/tun; } 2>/dev/null; then
    fail "/dev/net/tun (mode $(stat -c %a /dev/net/tun), owner uid $(stat -c %u /dev/net/tun)) cannot be opened for reading and writing by uid $uid, but slirp4netns needs it: on the Docker host run 'chmod 0666 /dev/net/tun', the mode that udev gives it on most hosts, and do not mount a file system with nodev over /dev/net"
  fi
}

# Fails unless directory $1 exists or can be created, and is writable by this user. $2 describes what the
# directory is for.
check_writable_directory() {
  local directory="$1" purpose="$2"
  mkdir -p "$directory" 2>/dev/null || true
  if [[ ! -d "$directory" || ! -w "$directory" ]]; then
    fail "$directory ($purpose) is not a directory writable by uid $(id -u): create it in the image, owned by $(id -un)"
  fi
}

# Runs every check and exports XDG_RUNTIME_DIR for dockerd-rootless.sh.
check_rootless_prerequisites() {
  local uid name
  uid="$(id -u)"
  if ((uid == 0)); then
    fail "the container runs as root, but this entrypoint starts a rootless daemon: run it as an unprivileged user such as rootless (the image's USER), or use a rootful DinD image"
  fi
  name="$(id -un 2>/dev/null)" || fail "uid $uid has no entry in /etc/passwd, but newuidmap needs a user name: add the user to the image"

  check_privileged
  check_subordinate_ids /etc/subuid "$name" "$uid"
  check_subordinate_ids /etc/subgid "$name" "$uid"
  check_user_namespaces
  check_tun_device "$uid"

  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/run/user/$uid}"
  check_writable_directory "$XDG_RUNTIME_DIR" "XDG_RUNTIME_DIR, where dockerd puts its socket"
  check_writable_directory "$HOME/.local/share/docker" "the data directory of rootless dockerd"
}

main() {
  if [[ $# -eq 0 || "$1" == -* ]]; then
    set -- dockerd "$@"
  fi
  if [[ "$1" != dockerd ]]; then
    exec "$@"
  fi
  shift

  check_rootless_prerequisites
  # A restarted container keeps its files, and rootlesskit and dockerd refuse to start while the
  # previous run's lock and pid files exist.
  rm -rf "$XDG_RUNTIME_DIR/dockerd-rootless" "$XDG_RUNTIME_DIR/docker.pid"

  set_listen_flags "$XDG_RUNTIME_DIR/docker.sock"
  local port=2376
  if [[ -z "${DOCKER_TLS_CERTDIR-/certs}" ]]; then
    port=2375
  fi

  # dockerd listens inside rootlesskit's network namespace, so rootlesskit's built-in port driver
  # forwards the container's port to it. slirp4netns gives that namespace its outbound network.
  # 65520 is the MTU that dockerd-rootless.sh chooses for slirp4netns when it picks the driver itself.
  export DOCKERD_ROOTLESS_ROOTLESSKIT_NET=slirp4netns
  export DOCKERD_ROOTLESS_ROOTLESSKIT_MTU="${DOCKERD_ROOTLESS_ROOTLESSKIT_MTU:-65520}"
  export DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=builtin
  export DOCKERD_ROOTLESS_ROOTLESSKIT_FLAGS="--publish=0.0.0.0:$port:$port/tcp ${DOCKERD_ROOTLESS_ROOTLESSKIT_FLAGS:-}"
  log "starting rootless dockerd as $(id -un) (uid $(id -u)) with ${dockerd_flags[*]} $*"
  exec "$DOCKERD_ROOTLESS" "${dockerd_flags[@]}" "$@"
}

main "$@"
