#!/usr/bin/env bash
# Runs the soak test at full size: 50 @DinD classes one after another, then 50 in parallel, each with a
# daemon of its own, and checks that they leave no containers, volumes, networks, temporary files, threads or
# file descriptors behind. Takes about 3 minutes on two cores.
#
# Environment: DIND_SOAK_CLASSES (default 50) and DIND_SOAK_PARALLELISM (default 4) change the size.
# Extra arguments go to Maven.
set -euo pipefail

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$project_dir"

TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}" mvn -B -ntp verify \
  -pl junit-extension -am \
  -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddind.soak.classes="${DIND_SOAK_CLASSES:-50}" \
  -Ddind.soak.parallelism="${DIND_SOAK_PARALLELISM:-4}" \
  "$@"
