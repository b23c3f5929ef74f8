#!/usr/bin/env bash
# Runs every test of MTV Console on a fresh machine with the .NET 10 SDK: installs what is missing
# (Debian's chromium for the browser tests, Go and govmomi for the vCenter simulator, the local dotnet tools), checks that the EF Core model
# has no changes without a migration, runs `dotnet test MtvConsole.sln`, and ends with the line
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian chromium (browser tests)"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi

if ! command -v go >/dev/null 2>&1 || [ ! -d /usr/share/gocode/src/github.com/vmware/govmomi ]; then
  echo "== installing Go and Debian's govmomi sources (the vCenter simulator of the vSphere tests)"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq golang-go golang-github-vmware-govmomi-dev >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq golang-go golang-github-vmware-govmomi-dev >/dev/null; fi
fi

echo "== restoring local tools"
dotnet tool restore >/dev/null

echo "== building"
dotnet build MtvConsole.sln -c Debug -nologo -v quiet -clp:ErrorsOnly

echo "== checking that every model change has a migration"
if ! dotnet ef migrations has-pending-model-changes --project src/MtvConsole.Data --no-build; then
  echo "The EF Core model has changes without a migration: run 'dotnet ef migrations add <Name> --project src/MtvConsole.Data --output-dir Migrations'."
  echo "0 passed, 1 failed"
  exit 1
fi
rm -f src/MtvConsole.Data/design-time.db*

echo "== testing"
log=$(mktemp)
set +e
dotnet test MtvConsole.sln --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
