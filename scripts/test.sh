#!/usr/bin/env bash
# Runs every test: prepares a Docker engine and the offline test images, installs the artifacts, builds a
# separate project that depends on them, and checks that nothing was left on the engine.
#
# Extra arguments go to Maven, for example: scripts/test.sh -Dtest=DinDContainerTest -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/outer-engine.sh
source "$project_dir/scripts/lib/outer-engine.sh"

prepare_engine_and_images
before="$(outer_engine_snapshot)"

cd "$project_dir"
mvn -B -ntp install "$@"
"$project_dir/scripts/consumer-project.sh"

check_no_leftovers "$before"
