#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the demo business (the same browser test the suite runs).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(pwd)/docs/screenshots"
dotnet build Dashboard.sln -c Release
DASHBOARD_SCREENSHOTS="$out" dotnet test Dashboard.Tests -c Release --no-build --filter "FullyQualifiedName~Browser.Demo"
ls -l "$out"
