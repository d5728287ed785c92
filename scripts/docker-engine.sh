#!/usr/bin/env bash
# Start a Docker engine on a Debian machine where none runs, for the integration tests.
#
# Exits at once when `docker info` already succeeds. Otherwise installs docker.io and iptables
# with apt, works around a capability bounding set that breaks `docker run --privileged`
# (see runc-without-missing-caps.sh), clears state left by a killed daemon, starts dockerd in
# the background without systemd, and waits until it accepts requests. Run it as root. It is
# idempotent: a second run on the same machine only checks `docker info`.
#
# Environment:
#   DOCKER_START_TIMEOUT_SECONDS  maximum time to wait for dockerd to accept requests (default 60)
set -euo pipefail

readonly DOCKERD_LOG=/var/log/dockerd.log
readonly DOCKERD_PID_FILE=/var/run/docker.pid
readonly MANAGED_CONTAINERD_PID_FILE=/var/run/docker/containerd/containerd.pid
readonly SYSTEM_CONTAINERD_SOCKET=/run/containerd/containerd.sock
readonly DAEMON_JSON=/etc/docker/daemon.json
readonly RUNTIME_NAME=runc-without-missing-caps
readonly RUNTIME_PATH=/usr/local/bin/runc-without-missing-caps
readonly START_TIMEOUT_SECONDS="${DOCKER_START_TIMEOUT_SECONDS:-60}"

# Capability names by number, as in linux/capability.h (Linux 5.9 and later).
readonly CAPABILITY_NAMES=(
  CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID
  SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW
  IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT
  SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD
  LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG
  WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE
)

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# dockerd finds runc, containerd and iptables through PATH, and root's PATH may lack the sbin
# directories when the script runs under a login-less CI shell.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() {
  echo "docker-engine: $*"
}

fail() {
  echo "docker-engine: error: $*" >&2
  exit 1
}

# A rootless daemon inside a DinD container needs slirp4netns to open /dev/net/tun as an
# unprivileged user, and some hosts create the device with mode 0600.
open_tun_device() {
  if [[ -c /dev/net/tun && "$(stat -c %a /dev/net/tun)" != 666 ]]; then
    chmod 666 /dev/net/tun
    log "set /dev/net/tun to mode 0666 for rootless Docker"
  fi
}

# Prints the names of the capabilities that the kernel supports but this process's bounding set
# lacks, one per line. A privileged container requests all of them.
missing_capabilities() {
  local bounding last_capability capability
  bounding="0x$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)"
  last_capability="$(cat /proc/sys/kernel/cap_last_cap)"
  for ((capability = 0; capability <= last_capability; capability++)); do
    if (((bounding >> capability) & 1)); then
      continue
    fi
    if ((capability < ${#CAPABILITY_NAMES[@]})); then
      echo "CAP_${CAPABILITY_NAMES[capability]}"
    else
      echo "capability ${capability}"
    fi
  done
}

install_packages() {
  local packages=()
  command -v dockerd >/dev/null || packages+=(docker.io)
  command -v iptables >/dev/null || packages+=(iptables)
  # The capability filter runs /usr/bin/python3, and docker.io does not depend on it.
  if [[ -n "$1" && ! -x /usr/bin/python3 ]]; then
    packages+=(python3)
  fi
  if ((${#packages[@]} == 0)); then
    return
  fi

  command -v apt-get >/dev/null || fail "dockerd is not installed and apt-get is missing: install Docker by hand"
  log "installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  command -v dockerd >/dev/null || fail "dockerd is still missing after installing docker.io"
}

# Installs the runc wrapper and makes it dockerd's default runtime, keeping every other key
# of an existing daemon.json.
install_capability_filter() {
  install -m 0755 "$script_dir/runc-without-missing-caps.sh" "$RUNTIME_PATH"
  mkdir -p "$(dirname "$DAEMON_JSON")"
  /usr/bin/python3 - "$DAEMON_JSON" "$RUNTIME_NAME" "$RUNTIME_PATH" <<'PY'
import json
import os
import sys

path, name, runtime_path = sys.argv[1:]
config = {}
if os.path.exists(path) and os.path.getsize(path) > 0:
    with open(path) as f:
        config = json.load(f)
before = json.dumps(config, sort_keys=True)

previous_default = config.get("default-runtime")
if previous_default not in (None, name):
    print(f"docker-engine: replacing default-runtime {previous_default!r} in {path}", file=sys.stderr)
config.setdefault("runtimes", {})[name] = {"path": runtime_path}
config["default-runtime"] = name

if json.dumps(config, sort_keys=True) != before:
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    print(f"docker-engine: registered {runtime_path} as default runtime in {path}")
PY
}

# Succeeds when process $1 exists and has not exited. An exited process whose parent has not
# reaped it yet (a zombie) still has a /proc entry.
is_alive() {
  local state
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

# Prints the pid of a live process named $2 whose pid is stored in file $1, or nothing.
live_pid_from_file() {
  local pid
  [[ -f "$1" ]] || return 0
  pid="$(tr -dc '0-9' <"$1")"
  if [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2" ]] && is_alive "$pid"; then
    echo "$pid"
  fi
}

# Removes what a killed daemon leaves behind: a pid file that dockerd would refuse to start
# with, the containerd that dockerd had started for itself, and a socket file that would make
# dockerd wait for a containerd that is gone.
clear_stale_state() {
  local containerd_pid
  if [[ -f "$DOCKERD_PID_FILE" ]]; then
    log "removing stale $DOCKERD_PID_FILE"
    rm -f "$DOCKERD_PID_FILE"
  fi

  containerd_pid="$(live_pid_from_file "$MANAGED_CONTAINERD_PID_FILE" containerd)"
  if [[ -n "$containerd_pid" ]]; then
    log "stopping containerd (pid $containerd_pid) left running by a previous dockerd"
    kill "$containerd_pid" 2>/dev/null || true
    for _ in $(seq 50); do
      is_alive "$containerd_pid" || break
      sleep 0.1
    done
    kill -9 "$containerd_pid" 2>/dev/null || true
  fi
  rm -f "$MANAGED_CONTAINERD_PID_FILE"

  if [[ -S "$SYSTEM_CONTAINERD_SOCKET" ]] && ! pgrep -x containerd >/dev/null; then
    log "removing stale $SYSTEM_CONTAINERD_SOCKET"
    rm -f "$SYSTEM_CONTAINERD_SOCKET"
  fi
}

print_log_tail() {
  echo "docker-engine: last lines of $DOCKERD_LOG:" >&2
  tail -n 40 "$DOCKERD_LOG" >&2 || true
}

# Waits until `docker info` succeeds while dockerd with pid $1 is alive.
wait_for_daemon() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until docker info >/dev/null 2>&1; do
    if ! is_alive "$pid"; then
      print_log_tail
      fail "dockerd (pid $pid) exited during start-up"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail
      fail "dockerd (pid $pid) did not accept requests within ${START_TIMEOUT_SECONDS} s; see $DOCKERD_LOG"
    fi
    sleep 0.3
  done
}

main() {
  ((EUID == 0)) || fail "run this script as root"
  open_tun_device

  if docker info >/dev/null 2>&1; then
    log "Docker engine is already running"
    exit 0
  fi

  local running_pid missing
  running_pid="$(live_pid_from_file "$DOCKERD_PID_FILE" dockerd)"
  if [[ -n "$running_pid" ]]; then
    log "dockerd (pid $running_pid) is running but does not accept requests yet, so this script waits for it"
    wait_for_daemon "$running_pid"
    log "Docker engine is running"
    exit 0
  fi

  missing="$(missing_capabilities)"
  install_packages "$missing"

  if [[ -n "$missing" ]]; then
    log "the capability bounding set lacks $(echo "$missing" | paste -sd ' ') so runc would reject privileged containers; using $RUNTIME_PATH as default runtime"
    install_capability_filter
  fi

  clear_stale_state

  local started_at=$SECONDS
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  echo "--- dockerd started by $0 at $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$DOCKERD_LOG"
  # setsid puts dockerd in its own session, so it outlives this script and its terminal.
  setsid dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  local pid=$!
  disown "$pid"
  log "started dockerd (pid $pid), logging to $DOCKERD_LOG"

  wait_for_daemon "$pid"
  log "Docker engine $(docker version --format '{{.Server.Version}}') is running after $((SECONDS - started_at)) s"
}

main "$@"
