# Functions shared by the scripts that run Maven against the local Docker engine. Source this file.

# Prepares the machine: a running engine and the offline test images.
prepare_engine_and_images() {
  local scripts_dir
  scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  "$scripts_dir/docker-engine.sh"
  "$scripts_dir/test-images.sh"

  # Testcontainers' reaper runs the testcontainers/ryuk image, which these machines cannot pull. Without it
  # the library's own teardown removes what the tests create, and check_no_leftovers verifies that.
  export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"

}

# Prints the IDs of every container, volume and network on the engine, one per line, sorted.
outer_engine_snapshot() {
  {
    docker ps -aq --no-trunc | sed 's/^/container /'
    docker volume ls -q | sed 's/^/volume /'
    docker network ls -q --no-trunc | sed 's/^/network /'
  } | sort
}

# Fails if the engine has containers, volumes or networks that were not in the given snapshot.
check_no_leftovers() {
  local before="$1" after leftovers
  after="$(outer_engine_snapshot)"
  leftovers="$(comm -13 <(echo "$before") <(echo "$after"))"
  if [[ -n "$leftovers" ]]; then
    echo "error: the run left these on the Docker engine:" >&2
    echo "$leftovers" >&2
    echo "Inspect them with 'docker inspect ID'; remove them with 'docker rm -fv', 'docker volume rm' or 'docker network rm'." >&2
    return 1
  fi
  echo "The Docker engine holds no container, volume or network that the run created."
}
