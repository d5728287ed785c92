#!/bin/bash
# Entrypoint of the dind-junit/dind images: starts dockerd inside a privileged container and follows
# the contract of the official docker:dind image.
#
# - DOCKER_TLS_CERTDIR non-empty (the image sets /certs): dockerd serves tcp://0.0.0.0:2376 with
#   --tlsverify and the unix socket /var/run/docker.sock. Certificates live in
#   $DOCKER_TLS_CERTDIR/{ca,server,client}, and the client needs client/{ca,cert,key}.pem.
# - DOCKER_TLS_CERTDIR empty: dockerd serves tcp://0.0.0.0:2375 without TLS and the unix socket.
# - Bring your own certificates: if server/{ca,cert,key}.pem exist and ca/key.pem does not,
#   nothing is generated and the server files are used as given after a check.
# - DOCKER_TLS_SAN adds subject alternative names to a generated server certificate, separated
#   by commas or spaces, for example "DNS:docker.test,IP:172.17.0.1".
# - DOCKER_IPTABLES_LEGACY non-empty makes dockerd use iptables-legacy instead of iptables-nft.
#
# Arguments: none runs dockerd, a first argument that starts with "-" adds flags to dockerd,
# "dockerd ..." runs dockerd with the given flags, and any other command runs as given.
set -euo pipefail

readonly CERT_VALIDITY_DAYS=825
readonly RSA_KEY_BITS=4096

log() {
  echo "dockerd-entrypoint: $*" >&2
}

fail() {
  echo "dockerd-entrypoint: error: $*" >&2
  exit 1
}

is_mount_point() {
  awk -v target="$1" '$5 == target { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# Prints the IPv4 and global IPv6 addresses of this container, one per line.
container_addresses() {
  # /proc/net/fib_trie shows each local IPv4 address on the line before its "/32 host" entry.
  awk '/\/32 host/ { print previous } { previous = $2 }' /proc/net/fib_trie
  # /proc/net/if_inet6 lists each address as 32 hex digits, with scope 00 for global addresses.
  awk '$4 == "00" { print $1 }' /proc/net/if_inet6 2>/dev/null | sed -E 's/(....)/\1:/g; s/:$//'
}

# Prints the server certificate's subjectAltName value.
server_subject_alt_names() {
  local entries=() address entry
  while read -r address; do
    entries+=("IP:$address")
  done < <(container_addresses)
  entries+=("DNS:$(cat /proc/sys/kernel/hostname)" "DNS:docker" "DNS:localhost" "IP:127.0.0.1")

  local extra="${DOCKER_TLS_SAN:-}"
  for entry in ${extra//,/ }; do
    case "$entry" in
      DNS:* | IP:* | email:* | URI:*) entries+=("$entry") ;;
      # An entry without a type is an IPv4 address if it has only digits and dots, an IPv6
      # address if it has a colon, and a DNS name otherwise.
      *:*) entries+=("IP:$entry") ;;
      *[!0-9.]*) entries+=("DNS:$entry") ;;
      *) entries+=("IP:$entry") ;;
    esac
  done

  printf '%s\n' "${entries[@]}" | awk '!seen[$0]++' | paste -sd ','
}

write_openssl_config() {
  cat >"$1" <<EOF
[req]
distinguished_name = subject
prompt = no

[subject]
CN = docker:dind

[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
subjectAltName = $2

[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
EOF
}

generate_key() {
  if [[ ! -s "$1" ]]; then
    openssl genrsa -out "$1" "$RSA_KEY_BITS" 2>/dev/null
    chmod 0600 "$1"
  fi
}

# Signs a certificate for key $2 with the CA and writes it to $3, using extension section $1.
sign_certificate() {
  local section="$1" key="$2" certificate="$3" config="$4" ca_dir="$5"
  openssl req -new -config "$config" -subj "/CN=docker:dind $section" -key "$key" \
    | openssl x509 -req -sha256 -days "$CERT_VALIDITY_DAYS" \
        -CA "$ca_dir/cert.pem" -CAkey "$ca_dir/key.pem" -set_serial "0x$(openssl rand -hex 16)" \
        -extfile "$config" -extensions "$section" -out "$certificate" 2>/dev/null
}

# Creates the CA, the server certificate and the client certificate that are missing. The server
# certificate is signed again on every start because the container's addresses may have changed.
generate_certificates() {
  local certificate_dir="$1" config
  local ca_dir="$certificate_dir/ca" server_dir="$certificate_dir/server" client_dir="$certificate_dir/client"
  mkdir -p "$ca_dir" "$server_dir" "$client_dir"
  local subject_alt_names
  subject_alt_names="$(server_subject_alt_names)"
  config="$(mktemp)"
  write_openssl_config "$config" "$subject_alt_names"

  if [[ ! -s "$ca_dir/key.pem" || ! -s "$ca_dir/cert.pem" ]]; then
    log "generating a certificate authority in $ca_dir"
    generate_key "$ca_dir/key.pem"
    openssl req -new -x509 -config "$config" -extensions ca -subj "/CN=docker:dind CA" -sha256 \
      -days "$CERT_VALIDITY_DAYS" -key "$ca_dir/key.pem" -out "$ca_dir/cert.pem"
  fi

  log "signing a server certificate in $server_dir for $subject_alt_names"
  generate_key "$server_dir/key.pem"
  sign_certificate server "$server_dir/key.pem" "$server_dir/cert.pem" "$config" "$ca_dir"
  cp "$ca_dir/cert.pem" "$server_dir/ca.pem"

  if [[ ! -s "$client_dir/cert.pem" || ! -s "$client_dir/key.pem" ]]; then
    log "signing a client certificate in $client_dir"
    generate_key "$client_dir/key.pem"
    sign_certificate client "$client_dir/key.pem" "$client_dir/cert.pem" "$config" "$ca_dir"
  fi
  cp "$ca_dir/cert.pem" "$client_dir/ca.pem"
  # Other containers that share the volume may run as another user and still need the client key.
  chmod 0644 "$client_dir/key.pem"

  rm -f "$config"
}

# Fails unless the supplied server certificate was issued by the supplied CA and matches its key.
check_supplied_certificates() {
  local server_dir="$1"
  if ! openssl verify -CAfile "$server_dir/ca.pem" "$server_dir/cert.pem" >/dev/null 2>&1; then
    fail "$server_dir/cert.pem was not issued by $server_dir/ca.pem (openssl verify: $(openssl verify -CAfile "$server_dir/ca.pem" "$server_dir/cert.pem" 2>&1 | grep -m 1 error))"
  fi
  if [[ "$(openssl x509 -in "$server_dir/cert.pem" -noout -pubkey)" != "$(openssl pkey -in "$server_dir/key.pem" -pubout)" ]]; then
    fail "$server_dir/key.pem is not the private key of $server_dir/cert.pem"
  fi
}

# Sets dockerd_flags to dockerd's --host and TLS flags, creating or checking certificates first.
# $1 is the path of the daemon's Unix socket (default /var/run/docker.sock).
set_listen_flags() {
  local certificate_dir="${DOCKER_TLS_CERTDIR-/certs}" unix_socket="${1:-/var/run/docker.sock}"
  dockerd_flags=("--host=unix://$unix_socket")
  if [[ -z "$certificate_dir" ]]; then
    log "DOCKER_TLS_CERTDIR is empty, so dockerd serves tcp://0.0.0.0:2375 without TLS"
    # --tls=false declares the unencrypted socket intended. Without it, dockerd 20.10 and 26.1 delay
    # their start by 15 s and log that binding without --tlsverify is deprecated.
    dockerd_flags+=(--host=tcp://0.0.0.0:2375 --tls=false)
    return
  fi

  local server_dir="$certificate_dir/server"
  if [[ -s "$server_dir/ca.pem" && -s "$server_dir/cert.pem" && -s "$server_dir/key.pem" && ! -e "$certificate_dir/ca/key.pem" ]]; then
    log "using the supplied certificates in $server_dir"
    check_supplied_certificates "$server_dir"
  else
    generate_certificates "$certificate_dir"
  fi
  dockerd_flags+=(
    --host=tcp://0.0.0.0:2376
    --tlsverify
    "--tlscacert=$server_dir/ca.pem"
    "--tlscert=$server_dir/cert.pem"
    "--tlskey=$server_dir/key.pem"
  )
}

# Moves every process of this container's cgroup v2 root into a child cgroup and enables all
# controllers for child cgroups, so that the inner dockerd can create a cgroup per container.
# A cgroup v2 node that contains processes cannot delegate controllers to its children.
enable_nested_cgroup_v2() {
  # NOTE: the cgroup v2 steps below are untested, because the hosts used so far run cgroup v1.
  if [[ ! -f /sys/fs/cgroup/cgroup.controllers ]]; then
    return # cgroup v1 or hybrid: the inner dockerd creates its cgroups beside the outer ones.
  fi
  if [[ "$(cat /proc/self/cgroup)" != "0::/" ]]; then
    # Without a private cgroup namespace the root cgroup seen here is the host's, and moving its
    # processes would disturb the host.
    log "warning: no private cgroup namespace, so cgroup controllers are not delegated (run with --cgroupns=private)"
    return
  fi

  mkdir -p /sys/fs/cgroup/init
  local pid
  while read -r pid; do
    # A process that exited in between cannot be moved, and that is fine.
    echo "$pid" >/sys/fs/cgroup/init/cgroup.procs 2>/dev/null || true
  done </sys/fs/cgroup/cgroup.procs

  local controller
  for controller in $(cat /sys/fs/cgroup/cgroup.controllers); do
    echo "+$controller" >/sys/fs/cgroup/cgroup.subtree_control \
      || log "warning: could not enable the cgroup controller $controller"
  done
}

# Makes iptables point to the legacy backend when nf_tables does not work in this kernel or when
# DOCKER_IPTABLES_LEGACY is set.
select_iptables_backend() {
  if ! command -v iptables-legacy >/dev/null; then
    return
  fi
  if [[ -z "${DOCKER_IPTABLES_LEGACY:-}" ]] && iptables -t nat -n -L >/dev/null 2>&1; then
    return
  fi
  if [[ -z "${DOCKER_IPTABLES_LEGACY:-}" ]]; then
    log "iptables with nf_tables failed, so dockerd uses iptables-legacy"
  fi
  update-alternatives --quiet --set iptables /usr/sbin/iptables-legacy
  update-alternatives --quiet --set ip6tables /usr/sbin/ip6tables-legacy
}

# Prepares this privileged container so that dockerd and its containers can run in it.
prepare_nested_docker() {
  # Docker mounts /sys read-only unless the container is privileged.
  if [[ ! -w /sys ]]; then
    fail "/sys is read-only, so this container is not privileged: start it with --privileged"
  fi
  # AppArmor detection in dockerd and runc looks at securityfs.
  if [[ -d /sys/kernel/security ]] && ! is_mount_point /sys/kernel/security; then
    mount -t securityfs none /sys/kernel/security \
      || log "warning: could not mount securityfs on /sys/kernel/security, so AppArmor is unavailable"
  fi
  enable_nested_cgroup_v2
  select_iptables_backend
  # A restarted container keeps /var/run, and its stale pid file names pid 1, which is alive again,
  # so dockerd would refuse to start.
  rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
}

main() {
  if [[ $# -eq 0 || "$1" == -* ]]; then
    set -- dockerd "$@"
  fi
  if [[ "$1" != dockerd ]]; then
    exec "$@"
  fi
  shift

  prepare_nested_docker
  set_listen_flags
  log "starting dockerd ${dockerd_flags[*]} $*"
  exec dockerd "${dockerd_flags[@]}" "$@"
}

# The rootless entrypoint sources this file for its functions, and then main must not run.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
