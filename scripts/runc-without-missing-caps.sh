#!/bin/sh
# OCI runtime for dockerd that runs runc after removing, from the container's or the exec'd
# process's capability lists, every capability that this host's own bounding set (CapBnd in
# /proc/self/status) lacks.
#
# A privileged container requests every capability that dockerd and the kernel support. Where the bounding set of
# the machine that runs dockerd lacks one (some CI sandboxes drop CAP_SYS_RESOURCE), runc fails
# with "unable to apply caps: operation not permitted", and `--cap-drop` does not help because
# Docker ignores drops for privileged containers. scripts/docker-engine.sh installs this file as
# /usr/local/bin/runc-without-missing-caps and registers it as the default runtime only on such
# machines. Tested with dockerd 20.10 and runc 1.1 for `run`, `exec` and nested Docker-in-Docker.
set -eu

bundle=""
process=""
previous=""
for argument in "$@"; do
  case "$previous" in
    --bundle|-b) bundle="$argument" ;;
    --process|-p) process="$argument" ;;
  esac
  case "$argument" in
    --bundle=*) bundle="${argument#--bundle=}" ;;
    --process=*) process="${argument#--process=}" ;;
  esac
  previous="$argument"
done

# `create` and `run` read capabilities from the bundle's config.json, `exec` from the --process file.
spec=""
if [ -n "$process" ] && [ -f "$process" ]; then
  spec="$process"
elif [ -n "$bundle" ] && [ -f "$bundle/config.json" ]; then
  spec="$bundle/config.json"
fi

if [ -n "$spec" ]; then
  /usr/bin/python3 - "$spec" <<'PY'
import json
import sys

# Capability numbers as in linux/capability.h (Linux 5.9 and later).
NAMES = [
    "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
    "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
    "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
    "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
    "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG",
    "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE",
]

with open("/proc/self/status") as status:
    bounding = int(status.read().split("CapBnd:")[1].split()[0], 16)
missing = {"CAP_" + name for bit, name in enumerate(NAMES) if not (bounding >> bit) & 1}

path = sys.argv[1]
with open(path) as f:
    spec = json.load(f)
# A --process file is the process object itself, config.json nests it under "process".
process = spec["process"] if "process" in spec else spec
capabilities = process.get("capabilities") or {}
for kind in capabilities:
    capabilities[kind] = [c for c in capabilities[kind] if c not in missing]
with open(path, "w") as f:
    json.dump(spec, f)
PY
fi

exec /usr/sbin/runc "$@"
