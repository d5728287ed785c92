#!/usr/bin/env bash
# Measures how long a ready DinD client takes with this library, side by side with docker-java alone and
# with the recipe people write by hand, and writes docs/benchmarks.md and docs/benchmarks.png. Takes a few
# minutes; run it on a quiet machine for numbers worth publishing.
#
# Extra arguments go to Maven, for example:
#   scripts/benchmark.sh -Dbenchmark.runs=20 -Dbenchmark.image=dind-junit/dind:bookworm
set -euo pipefail

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/outer-engine.sh
source "$project_dir/scripts/lib/outer-engine.sh"

prepare_engine_and_images

# The benchmark checks after each run that the container and its volume are gone, and at the end that
# no container of its own session is left, so it can run beside other builds on the same engine.
cd "$project_dir"
mvn -B -ntp verify -Pbenchmarks -pl benchmarks -am -DskipTests "$@"
