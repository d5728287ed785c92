#!/usr/bin/env bash
# Builds scripts/consumer-project, a project outside the reactor that depends only on dind-junit-jupiter
# from the local Maven repository, and runs its @DinD test. A published POM that lacks a dependency fails here.
# Run it after `mvn install`.
set -euo pipefail

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

cp -r "$project_dir/scripts/consumer-project/." "$work_dir/"
mvn -B -ntp -f "$work_dir/pom.xml" verify "$@"
