#!/usr/bin/env bash
# Measures how long a ready DinD client takes with this library, side by side with docker-java alone and
# with the recipe people write by hand. It also measures the rootless variant and the shared daemon's
# reset, and writes docs/benchmarks.md with a chart per image (docs/benchmarks-*.png). Takes about 6
# minutes on 2 cores. Run it on a quiet machine for numbers worth publishing.
#
# Extra arguments go to Maven. The settings are benchmark.images (comma-separated, default
# dind-junit/dind:forky,dind-junit/dind:trixie,dind-junit/dind:bookworm), benchmark.warmups (2),
# benchmark.runs (10), benchmark.profile.runs (5), benchmark.memory.daemons (4),
# benchmark.rootless.image (dind-junit/dind:trixie-rootless) and benchmark.rootless.beside
# (dind-junit/dind:trixie), the image in whose rounds the rootless variant runs, for example:
#   scripts/benchmark.sh -Dbenchmark.runs=20 -Dbenchmark.images=dind-junit/dind:bookworm
set -euo pipefail

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/outer-engine.sh
source "$project_dir/scripts/lib/outer-engine.sh"

prepare_engine_and_images

# The benchmark checks after each run that the container and its volume are gone, and at the end that
# no container of its own session is left, so it can run beside other builds on the same engine.
cd "$project_dir"
mvn -B -ntp verify -Pbenchmarks -pl benchmarks -am -DskipTests "$@"
