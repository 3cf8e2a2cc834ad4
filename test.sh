#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped" summed over all of them.
# Installs what the tests need when it is missing, so it works on a fresh machine.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
results="$root/artifacts/test-results"

log() { echo "test.sh: $*" >&2; }

# apt packages the tests need: PostgreSQL and ClickHouse (Debian's 18.16) for the store tests, and the zstd command
# line tool, which checks that archives are standard zstd.
apt_packages=(postgresql clickhouse-server zstd)

ensure_packages() {
  local missing=()
  for package in "${apt_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || {
      log "could not install ${missing[*]}"; exit 1; }
  fi
}

command -v dotnet >/dev/null 2>&1 || { log "the .NET 10 SDK (dotnet) is required"; exit 1; }
ensure_packages

# A throwaway PostgreSQL cluster on 127.0.0.1 for the store tests (POLYTAPE_TEST_POSTGRES), stopped on exit.
# initdb refuses to run as root, so as root the cluster belongs to the postgres user.
postgres_dir="$root/artifacts/postgres"
postgres_bin=""
# The cluster's data directory: in memory (/dev/shm) when it has room, unless POLYTAPE_POSTGRES_ON_DISK=1 (then
# under artifacts/). Loading extends relation files and recycles WAL segments; on a journal-less ext4 the kernel's
# time for that depends on what else just created and deleted files there (a 2.4M-row load: 1.3-1.7 system CPU-s
# usually, 4.4 once while builds ran beside it; in memory 1.4-1.9; BENCHMARKS.md, "PostgreSQL server settings").
# Logs, password file and socket stay under artifacts/.
postgres_data="$postgres_dir/data"
if [[ "${POLYTAPE_POSTGRES_ON_DISK:-0}" != 1 && -d /dev/shm && -w /dev/shm ]] \
    && [[ $(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }') -gt 2097152 ]]; then
  postgres_data="/dev/shm/polytape-postgres-$(echo "$root" | md5sum | cut -c1-12)"
fi
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}
stop_postgres() {
  [[ -n "$postgres_bin" && -d "$postgres_data" ]] && as_postgres "$postgres_bin/pg_ctl" -D "$postgres_data" -m immediate stop >/dev/null 2>&1
  # Memory, not disk: give it back (the next run's start removes a leftover too).
  [[ "$postgres_data" == /dev/shm/* ]] && rm -rf "$postgres_data"
  return 0
}
start_postgres() {
  postgres_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x "$postgres_bin/initdb" ]] || { log "PostgreSQL binaries not found under /usr/lib/postgresql"; return 1; }
  local port password="polytape-test"
  port=$(free_port) || { log "no free port for PostgreSQL"; return 1; }
  rm -rf "$postgres_dir" "$postgres_data" && mkdir -p "$postgres_dir"
  [[ $(id -u) -eq 0 ]] && chown postgres "$postgres_dir"
  echo "$password" > "$postgres_dir/pwfile" && chmod 644 "$postgres_dir/pwfile"
  as_postgres "$postgres_bin/initdb" -D "$postgres_data" -U postgres --auth=scram-sha-256 --pwfile="$postgres_dir/pwfile" \
    -E UTF8 --no-sync >"$postgres_dir/initdb.log" 2>&1 || { log "initdb failed: see $postgres_dir/initdb.log"; return 1; }
  as_postgres "$postgres_bin/pg_ctl" -D "$postgres_data" -l "$postgres_dir/server.log" -w -t 60 \
    -o "-p $port -k $postgres_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { log "PostgreSQL did not start: see $postgres_dir/server.log"; return 1; }
  export POLYTAPE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
  log "PostgreSQL $("$postgres_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $postgres_data"
}

# A throwaway ClickHouse on 127.0.0.1 (HTTP interface) for the store tests (POLYTAPE_TEST_CLICKHOUSE), stopped on exit.
clickhouse_dir="$root/artifacts/clickhouse"
clickhouse_pid=""
# Where the server keeps its parts: in memory (/dev/shm) when it has room, unless POLYTAPE_CLICKHOUSE_ON_DISK=1. Every
# insert makes a part per table (a directory of 8-42 files) and merges delete them again; on a journal-less ext4 such
# as this machine's, creating an inode scans past every recently deleted one: with 20,000-record batches that tripled the
# server's CPU per row. The server is thrown away like the PostgreSQL one, which runs with fsync off for the same reason.
clickhouse_data="$clickhouse_dir/data"
if [[ "${POLYTAPE_CLICKHOUSE_ON_DISK:-0}" != 1 && -d /dev/shm && -w /dev/shm ]] \
    && [[ $(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }') -gt 2097152 ]]; then
  clickhouse_data="/dev/shm/polytape-clickhouse-$(echo "$root" | md5sum | cut -c1-12)"
fi
stop_clickhouse() {
  [[ -n "$clickhouse_pid" ]] || return 0
  kill "$clickhouse_pid" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$clickhouse_pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$clickhouse_pid" 2>/dev/null && kill -9 "$clickhouse_pid" 2>/dev/null
  # Memory, not disk: give it back (the next run's start removes a leftover too).
  [[ "$clickhouse_data" == /dev/shm/* ]] && rm -rf "$clickhouse_data"
  return 0
}
start_clickhouse() {
  command -v clickhouse-server >/dev/null 2>&1 || [[ -x /usr/sbin/clickhouse-server ]] || { log "clickhouse-server is not installed"; return 1; }
  local http tcp password="polytape-test"
  http=$(free_port) && tcp=$(free_port) || { log "no free port for ClickHouse"; return 1; }
  rm -rf "$clickhouse_dir" "$clickhouse_data" && mkdir -p "$clickhouse_dir" "$clickhouse_data"
  cat > "$clickhouse_dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$clickhouse_dir/server.log</log><errorlog>$clickhouse_dir/server.err.log</errorlog><size>100M</size><count>1</count></logger>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>64</max_concurrent_queries>
  <path>$clickhouse_data/</path>
  <tmp_path>$clickhouse_data/tmp/</tmp_path>
  <format_schema_path>$clickhouse_dir/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
</yandex>
XML
  cat > "$clickhouse_dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password>$password</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  # Started in the foreground mode (no daemon), in the background of this shell: $! is the server's own pid.
  /usr/sbin/clickhouse-server --config-file="$clickhouse_dir/config.xml" >"$clickhouse_dir/stdout.log" 2>&1 &
  clickhouse_pid=$!
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$http") 2>/dev/null; then
      export POLYTAPE_TEST_CLICKHOUSE="http://default:$password@127.0.0.1:$http/"
      log "ClickHouse on 127.0.0.1:$http, data in $clickhouse_data"
      return 0
    fi
    sleep 0.5
  done
  log "ClickHouse did not start: see $clickhouse_dir"
  return 1
}
trap 'stop_postgres; stop_clickhouse' EXIT
start_postgres || log "the PostgreSQL store tests will fail: no server"
start_clickhouse || log "the ClickHouse store tests will fail: no server"

rm -rf "$results"
log "building"
if ! dotnet build Polytape.slnx -c Release --nologo -v quiet -clp:ErrorsOnly; then
  log "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# House style is part of the build: unformatted code counts as one failure.
format_failed=0
log "checking formatting (dotnet format --verify-no-changes)"
if ! dotnet format Polytape.slnx --verify-no-changes --no-restore >/dev/null 2>&1; then
  log "formatting differs: run 'dotnet format Polytape.slnx'"
  format_failed=1
fi

log "testing"
dotnet test Polytape.slnx -c Release --no-build --nologo -v quiet \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
status=$?

passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attribute() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  t=$(attribute total); p=$(attribute passed); f=$(attribute failed); e=$(attribute error); x=$(attribute executed)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done

failed=$((failed + format_failed))
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  log "dotnet test exited with $status without a failed test (a crashed test host?)"
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 && $status -eq 0 ]]
