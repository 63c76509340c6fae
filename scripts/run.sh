#!/usr/bin/env bash
# Runs the app from the source tree, saying what it does first: the first build restores NuGet packages and fetches
# the CSS kit and scripts from npm, which takes about a minute with nothing else on the screen under `dotnet run`.
# Arguments go to the app, e.g. `bash scripts/run.sh --Dashboard:SeedDemoData=true`.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null 2>&1 || { echo "Dashboard needs the .NET 10 SDK: https://dotnet.microsoft.com/download" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "Dashboard's build fetches its CSS kit with npm: install Node.js 20+ (with npm)." >&2; exit 1; }

if [ ! -d Dashboard/bin ] || [ ! -d node_modules ]; then
  echo "Dashboard: first build: restoring NuGet packages and fetching the front end from npm (about a minute)..."
else
  echo "Dashboard: building..."
fi
dotnet build Dashboard -nologo -v minimal
echo "Dashboard: starting; the address to open and, on a first start, the admin's one-time password follow."
exec dotnet run --project Dashboard --no-build -- "$@"
