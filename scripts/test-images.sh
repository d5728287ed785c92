#!/usr/bin/env bash
# Build the container images that the integration tests use, offline from Debian packages.
#
# No container registry is needed: root file systems come from mmdebstrap and the Debian mirror
# that apt uses, and each image is built `FROM scratch` with the legacy builder. An image is
# skipped when it exists with the same recipe (the label dind-junit.recipe contains a hash of it),
# so a second run on the same machine takes about a second. Needs a running Docker engine
# (scripts/docker-engine.sh) and root.
#
# Images:
#   dind-junit/dind:bookworm              dockerd 20.10 from Debian 12
#   dind-junit/dind:trixie                dockerd 26.1 and Compose v2 from Debian 13
#   dind-junit/dind:trixie-min-api-1.44   trixie whose dockerd rejects API versions below 1.44
#   dind-junit/dind:trixie-rootless       trixie's dockerd 26.1 running rootless as uid 1000, as in
#                                         docker:dind-rootless
#   dind-junit/dind:trixie-rootless-1234  trixie-rootless whose rootless user has uid 1234, gid 5678
#   dind-junit/dind:forky                 dockerd 28.5 with containerd 2.1 and Compose v2 from Debian
#                                         testing, the closest to the default docker:29 image
#   dind-junit/busybox:test               static busybox, a 1 MB workload for the inner daemon
#
# Environment:
#   DEBIAN_MIRROR  mirror URI for mmdebstrap (default: the first URIs entry in
#                  /etc/apt/sources.list.d/debian.sources)
set -euo pipefail

readonly RECIPE_LABEL=dind-junit.recipe
readonly DIND_PACKAGES_COMMON=docker.io,iptables,openssl,ca-certificates,procps,mount
readonly DIND_PACKAGES_TRIXIE="$DIND_PACKAGES_COMMON,docker-cli,docker-compose"
readonly DIND_PACKAGES_FORKY="$DIND_PACKAGES_TRIXIE"
readonly TESTING_SUITE=forky
# rootlesskit runs "ip" from iproute2 to create the tap device for slirp4netns.
readonly DIND_PACKAGES_ROOTLESS="$DIND_PACKAGES_COMMON,docker-cli,rootlesskit,slirp4netns,uidmap,fuse-overlayfs,iproute2"
readonly MIN_API_VERSION=1.44
readonly ROOTLESS_UID=1000
readonly CHANGED_ROOTLESS_UID=1234
readonly CHANGED_ROOTLESS_GID=5678

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ENTRYPOINT_SOURCE="$script_dir/images/dind/dockerd-entrypoint.sh"
readonly ROOTLESS_ENTRYPOINT_SOURCE="$script_dir/images/dind/dockerd-rootless-entrypoint.sh"

export DOCKER_BUILDKIT=0
export DEBIAN_FRONTEND=noninteractive

log() {
  echo "test-images: $*"
}

fail() {
  echo "test-images: error: $*" >&2
  exit 1
}

work_dir="$(mktemp -d -t dind-junit-images.XXXXXX)"
trap 'rm -rf "$work_dir"' EXIT

# Prints the mirror URI that apt on this machine uses for Debian's main archive.
debian_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  local sources=/etc/apt/sources.list.d/debian.sources mirror=""
  if [[ -f "$sources" ]]; then
    mirror="$(awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }' "$sources")"
  fi
  if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
    mirror="$(awk '$1 == "deb" && $2 !~ /security/ && $2 ~ /:\/\// { print $2; exit }' /etc/apt/sources.list)"
  fi
  [[ -n "$mirror" ]] || fail "no Debian mirror found in $sources or /etc/apt/sources.list: set DEBIAN_MIRROR"
  echo "$mirror"
}

apt_lists_updated=false

apt_install() {
  if [[ "$apt_lists_updated" == false ]]; then
    apt-get update -qq
    apt_lists_updated=true
  fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Prints a hash of the recipe text on stdin, to be stored in the image's label.
recipe_hash() {
  sha256sum | cut -c1-16
}

# Succeeds when image $1 exists and was built from recipe hash $2.
image_is_current() {
  local label
  label="$(docker image inspect --format "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$1" 2>/dev/null)" || return 1
  [[ "$label" == "$2" ]]
}

# Builds image $1 from the context directory $2, whose Dockerfile is complete except for the label.
build_image() {
  local image="$1" context="$2" hash="$3" started_at=$SECONDS previous_id
  previous_id="$(docker image inspect --format '{{ .Id }}' "$image" 2>/dev/null || true)"
  echo "LABEL $RECIPE_LABEL=$hash" >>"$context/Dockerfile"
  # The legacy builder prints a deprecation notice on every build, so its output is shown only
  # when the build fails.
  if ! docker build --tag "$image" "$context" >"$work_dir/build.log" 2>&1; then
    cat "$work_dir/build.log" >&2
    fail "docker build of $image failed"
  fi
  log "built $image ($(docker image inspect --format '{{ .Size }}' "$image" | numfmt --to=iec)) in $((SECONDS - started_at)) s"
  # The image that this build replaced is now untagged. It stays while a container or a derived
  # image still uses it.
  if [[ -n "$previous_id" ]]; then
    docker image rm "$previous_id" >/dev/null 2>&1 || true
  fi
}

# Writes a Debian root file system with the packages $2 of suite $1 to the tarball $3.
debian_root_fs() {
  local suite="$1" packages="$2" tarball="$3" started_at=$SECONDS apt_options=()
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  # The Release file of Debian testing expires a week after it was signed, and a mirror that serves a
  # snapshot keeps serving it after that. apt still checks its signature and every package's hash.
  if [[ "$suite" == "$TESTING_SUITE" ]]; then
    apt_options+=(--aptopt='Acquire::Check-Valid-Until "false"')
  fi
  mmdebstrap --quiet --variant=minbase --include="$packages" "${apt_options[@]}" \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    "$suite" "$tarball" "$(debian_mirror)" </dev/null
  log "created the $suite root file system ($(du -h "$tarball" | cut -f1)) in $((SECONDS - started_at)) s"
}

# Builds a DinD image named $1 from Debian suite $2 with packages $3.
build_dind_image() {
  local image="$1" suite="$2" packages="$3" context="$work_dir/$2" hash
  hash="$( { echo "$suite $packages $(debian_mirror)"; cat "$ENTRYPOINT_SOURCE"; declare -f debian_root_fs write_dind_dockerfile; } | recipe_hash)"
  if image_is_current "$image" "$hash"; then
    log "$image is up to date"
    return
  fi

  log "building $image from Debian $suite"
  mkdir -p "$context"
  debian_root_fs "$suite" "$packages" "$context/rootfs.tar"
  install -m 0755 "$ENTRYPOINT_SOURCE" "$context/dockerd-entrypoint.sh"
  write_dind_dockerfile "$context/Dockerfile"
  build_image "$image" "$context" "$hash"
  rm -rf "$context"
}

write_dind_dockerfile() {
  cat >"$1" <<'EOF'
FROM scratch
ADD rootfs.tar /
ADD dockerd-entrypoint.sh /usr/local/bin/dockerd-entrypoint.sh
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV DOCKER_TLS_CERTDIR=/certs
VOLUME /var/lib/docker
EXPOSE 2375 2376
ENTRYPOINT ["/usr/local/bin/dockerd-entrypoint.sh"]
CMD []
EOF
}

# Builds image $1 from image $2 with DOCKER_MIN_API_VERSION set, which makes trixie's dockerd 26.1
# reject clients that request an older API version. Docker 29.0 rejects them by default.
build_min_api_image() {
  local image="$1" base="$2" context="$work_dir/min-api" hash
  hash="$( { docker image inspect --format '{{ .Id }}' "$base"; echo "$MIN_API_VERSION"; } | recipe_hash)"
  if image_is_current "$image" "$hash"; then
    log "$image is up to date"
    return
  fi

  log "building $image from $base"
  mkdir -p "$context"
  printf 'FROM %s\nENV DOCKER_MIN_API_VERSION=%s\n' "$base" "$MIN_API_VERSION" >"$context/Dockerfile"
  build_image "$image" "$context" "$hash"
}

# Builds a rootless DinD image named $1 from Debian suite $2 with packages $3: the user rootless
# (uid ROOTLESS_UID) with subordinate ids runs dockerd under rootlesskit, as in docker:dind-rootless.
build_rootless_dind_image() {
  local image="$1" suite="$2" packages="$3" context="$work_dir/$2-rootless" hash
  hash="$( { echo "$suite $packages $(debian_mirror) $ROOTLESS_UID"; cat "$ENTRYPOINT_SOURCE" "$ROOTLESS_ENTRYPOINT_SOURCE"; declare -f debian_root_fs write_rootless_dind_dockerfile; } | recipe_hash)"
  if image_is_current "$image" "$hash"; then
    log "$image is up to date"
    return
  fi

  log "building $image from Debian $suite"
  mkdir -p "$context"
  debian_root_fs "$suite" "$packages" "$context/rootfs.tar"
  install -m 0755 "$ENTRYPOINT_SOURCE" "$context/dockerd-entrypoint.sh"
  install -m 0755 "$ROOTLESS_ENTRYPOINT_SOURCE" "$context/dockerd-rootless-entrypoint.sh"
  write_rootless_dind_dockerfile "$context/Dockerfile"
  build_image "$image" "$context" "$hash"
  rm -rf "$context"
}

# The data directory is a volume, as in docker:dind-rootless. Docker fills a new anonymous volume
# from the image's directory, so the directory must exist in the image and belong to the user.
# /certs is writable by everyone so that the unprivileged entrypoint can generate certificates.
write_rootless_dind_dockerfile() {
  cat >"$1" <<EOF
FROM scratch
ADD rootfs.tar /
ADD dockerd-entrypoint.sh /usr/local/bin/dockerd-entrypoint.sh
ADD dockerd-rootless-entrypoint.sh /usr/local/bin/dockerd-rootless-entrypoint.sh
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV DOCKER_TLS_CERTDIR=/certs
RUN useradd --uid $ROOTLESS_UID --user-group --create-home --home-dir /home/rootless --shell /bin/bash rootless \\
 && echo 'rootless:100000:65536' >/etc/subuid \\
 && echo 'rootless:100000:65536' >/etc/subgid \\
 && mkdir -p /run/user/$ROOTLESS_UID /home/rootless/.local/share/docker /certs \\
 && chmod 1777 /run/user /certs \\
 && chmod 0700 /run/user/$ROOTLESS_UID \\
 && chown -R rootless:rootless /run/user/$ROOTLESS_UID /home/rootless
ENV XDG_RUNTIME_DIR=/run/user/$ROOTLESS_UID
VOLUME /home/rootless/.local/share/docker
EXPOSE 2375 2376
USER rootless
ENTRYPOINT ["/usr/local/bin/dockerd-rootless-entrypoint.sh"]
CMD []
EOF
}

# Builds image $1 from the rootless image $2 with the rootless user's uid and gid changed to
# CHANGED_ROOTLESS_UID and CHANGED_ROOTLESS_GID. Whatever depends on them changes too: the
# subordinate id entries, the owner of its home and data directory, and XDG_RUNTIME_DIR.
build_changed_uid_image() {
  local image="$1" base="$2" context="$work_dir/changed-uid" hash
  hash="$( { docker image inspect --format '{{ .Id }}' "$base"; declare -f write_changed_uid_dockerfile; echo "$CHANGED_ROOTLESS_UID:$CHANGED_ROOTLESS_GID"; } | recipe_hash)"
  if image_is_current "$image" "$hash"; then
    log "$image is up to date"
    return
  fi

  log "building $image from $base"
  mkdir -p "$context/share/docker"
  write_changed_uid_dockerfile "$context/Dockerfile" "$base"
  build_image "$image" "$context" "$hash"
  rm -rf "$context"
}

# The base image declares the data directory a volume, and the builder discards what RUN changes in
# a volume, so the directory gets its new owner from COPY --chown of its parent instead.
write_changed_uid_dockerfile() {
  local uid=$CHANGED_ROOTLESS_UID gid=$CHANGED_ROOTLESS_GID
  cat >"$1" <<EOF
FROM $2
USER root
RUN groupmod --gid $gid rootless \\
 && usermod --uid $uid --gid $gid rootless \\
 && echo 'rootless:100000:65536' >/etc/subuid \\
 && echo 'rootless:100000:65536' >/etc/subgid \\
 && rm -rf /run/user/$ROOTLESS_UID \\
 && mkdir -p /run/user/$uid \\
 && chmod 0700 /run/user/$uid \\
 && chown -R $uid:$gid /run/user/$uid /home/rootless
COPY --chown=$uid:$gid share /home/rootless/.local/share
ENV XDG_RUNTIME_DIR=/run/user/$uid
USER rootless
EOF
}

# Builds image $1 with the static busybox of the host's Debian release and a link per applet.
build_busybox_image() {
  local image="$1" context="$work_dir/busybox" package_dir="$work_dir/busybox-package" hash version
  if ! version="$(apt-cache policy busybox-static 2>/dev/null | awk '/Candidate:/ { print $2 }')" || [[ -z "$version" || "$version" == "(none)" ]]; then
    apt-get update -qq
    apt_lists_updated=true
    version="$(apt-cache policy busybox-static | awk '/Candidate:/ { print $2 }')"
  fi
  [[ -n "$version" && "$version" != "(none)" ]] || fail "the package busybox-static is not available from apt"
  hash="$( { echo "busybox-static $version"; declare -f build_busybox_image; } | recipe_hash)"
  if image_is_current "$image" "$hash"; then
    log "$image is up to date"
    return
  fi

  log "building $image from busybox-static $version"
  local started_at=$SECONDS
  mkdir -p "$context/rootfs/bin" "$context/rootfs/tmp" "$context/rootfs/etc" "$package_dir"
  # apt's sandbox user cannot write to the private temporary directory, so download as root.
  (cd "$package_dir" && apt-get download -qq -o APT::Sandbox::User=root "busybox-static=$version")
  dpkg-deb --extract "$package_dir"/busybox-static_*.deb "$package_dir/extracted"
  install -m 0755 "$package_dir/extracted/bin/busybox" "$context/rootfs/bin/busybox"

  local applet
  for applet in $("$context/rootfs/bin/busybox" --list); do
    [[ "$applet" == busybox ]] || ln -s busybox "$context/rootfs/bin/$applet"
  done
  chmod 1777 "$context/rootfs/tmp"
  tar --create --file "$context/rootfs.tar" --numeric-owner --owner=0 --group=0 -C "$context/rootfs" .

  cat >"$context/Dockerfile" <<'EOF'
FROM scratch
ADD rootfs.tar /
ENV PATH=/bin
CMD ["sh"]
EOF
  build_image "$image" "$context" "$hash"
  rm -rf "$context" "$package_dir"
}

main() {
  ((EUID == 0)) || fail "run this script as root"
  docker info >/dev/null 2>&1 || fail "the Docker engine does not respond: run scripts/docker-engine.sh first"
  [[ -f "$ENTRYPOINT_SOURCE" ]] || fail "$ENTRYPOINT_SOURCE is missing"
  [[ -f "$ROOTLESS_ENTRYPOINT_SOURCE" ]] || fail "$ROOTLESS_ENTRYPOINT_SOURCE is missing"

  local started_at=$SECONDS
  build_busybox_image dind-junit/busybox:test
  build_dind_image dind-junit/dind:bookworm bookworm "$DIND_PACKAGES_COMMON"
  build_dind_image dind-junit/dind:trixie trixie "$DIND_PACKAGES_TRIXIE"
  build_min_api_image "dind-junit/dind:trixie-min-api-$MIN_API_VERSION" dind-junit/dind:trixie
  build_rootless_dind_image dind-junit/dind:trixie-rootless trixie "$DIND_PACKAGES_ROOTLESS"
  build_changed_uid_image "dind-junit/dind:trixie-rootless-$CHANGED_ROOTLESS_UID" dind-junit/dind:trixie-rootless
  build_dind_image "dind-junit/dind:$TESTING_SUITE" "$TESTING_SUITE" "$DIND_PACKAGES_FORKY"
  log "all test images are ready after $((SECONDS - started_at)) s"
}

main "$@"
