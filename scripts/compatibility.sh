#!/usr/bin/env bash
# Runs the examples on every supported combination of Java and JUnit, and writes the resulting table to
# docs/compatibility.md. The library is built once, with the default JDK and JUnit, as users receive it; only
# the examples are rebuilt and run for each combination. Takes about ten minutes on two cores.
#
# Environment:
#   JAVA_HOMES     space-separated JDK homes to try (default: every JDK 17 or later under /usr/lib/jvm)
#   JUNIT_VERSIONS space-separated junit-bom versions (default: 5.10.5 5.14.4 6.1.3)
set -euo pipefail

project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/outer-engine.sh
source "$project_dir/scripts/lib/outer-engine.sh"

default_java_homes() {
  local home
  for home in /usr/lib/jvm/*; do
    [[ -x "$home/bin/javac" && ! -L "$home" ]] || continue
    java_feature_version "$home" >/dev/null && echo "$home"
  done
}

# Prints the feature version (17, 21, 25 ...) of the JDK at $1, and fails for JDKs older than 17.
java_feature_version() {
  local version
  version="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "$version" =~ ^[0-9]+$ && "$version" -ge 17 ]] || return 1
  echo "$version"
}

read -r -a java_homes <<<"${JAVA_HOMES:-$(default_java_homes | tr '\n' ' ')}"
read -r -a junit_versions <<<"${JUNIT_VERSIONS:-5.10.5 5.14.4 6.1.3}"

prepare_engine_and_images
before="$(outer_engine_snapshot)"

cd "$project_dir"
mvn -B -ntp -q install -DskipTests

rows=()
for java_home in "${java_homes[@]}"; do
  java_version="$(java_feature_version "$java_home")"
  for junit_version in "${junit_versions[@]}"; do
    echo "== Java $java_version ($java_home), JUnit $junit_version"
    log="$(mktemp)"
    if JAVA_HOME="$java_home" mvn -B -ntp -f examples/pom.xml verify -Djunit.version="$junit_version" \
        -Dtest='*ExampleTest' >"$log" 2>&1; then
      result="passed: $(grep -E '^\[INFO\] Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: 0$' "$log" | tail -n 1 | sed 's/\[INFO\] //')"
    else
      result="FAILED (see the Maven output above)"
      tail -n 40 "$log"
    fi
    rm -f "$log"
    echo "$result"
    rows+=("| $java_version | $junit_version | $result |")
  done
done

check_no_leftovers "$before"

{
  echo "# Compatibility"
  echo
  echo "The examples run on each combination of Java and JUnit below. The library is built once with Java 17"
  echo "and JUnit 5.14 and used as published; only the examples are compiled and run with the listed versions."
  echo "Testcontainers is 2.0.5 and the daemon image is \`dind-junit/dind:trixie\` (Docker 26.1)."
  echo
  echo "Produced by \`scripts/compatibility.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, Docker engine"
  echo "$(docker version --format '{{.Server.Version}}')."
  echo
  echo "| Java | JUnit | examples |"
  echo "| --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Java 21 is not in this table because the build machines have no Java 21 JDK (Debian 12"
  echo "ships 17, and Temurin 25 is the second JDK). Set \`JAVA_HOMES\` to include one where it exists."
} >"$project_dir/docs/compatibility.md"
echo "Wrote docs/compatibility.md"
