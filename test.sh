#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped" summed over all of them.
# Installs what the tests need when it is missing, so it works on a fresh machine.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
results="$root/artifacts/test-results"

log() { echo "test.sh: $*" >&2; }

# apt packages the tests need; empty until the storage and browser tests arrive.
apt_packages=()

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
