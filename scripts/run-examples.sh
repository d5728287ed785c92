#!/usr/bin/env bash
# Runs the example test classes in examples/ against a DinD daemon per class: prepares a Docker engine and
# the offline test images, builds the library without its own tests, then runs the examples.
#
# Extra arguments go to Maven, for example: scripts/run-examples.sh -Dtest=RunContainerExampleTest
set -euo pipefail

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/outer-engine.sh
source "$project_dir/scripts/lib/outer-engine.sh"

prepare_engine_and_images
before="$(outer_engine_snapshot)"

cd "$project_dir"
mvn -B -ntp install -DskipTests -pl bom,core,junit-extension -am
mvn -B -ntp verify -pl examples "$@"

check_no_leftovers "$before"
