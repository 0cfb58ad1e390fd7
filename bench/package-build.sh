#!/usr/bin/env bash
# Cold build time and peak memory of every workspace package, N runs each.
# Usage: bash bench/package-build.sh [runs]   (after `npm ci`; prints one line per run)
# Peak memory is GNU time's %M: the largest resident set of any process in the build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
for dir in packages/*/; do
  pkg=$(basename "$dir")
  kind=$(node -e "const p=require('./${dir}package.json'); console.log(p.jsii ? 'jsii' : 'typescript')")
  for i in $(seq "$runs"); do
    rm -rf "${dir}lib" "${dir}tsconfig.tsbuildinfo" "${dir}.jsii"
    (cd "$dir" && /usr/bin/time -f "$pkg ($kind) run $i: %e s, peak %M KB" npx projen compile 2>&1 >/dev/null | tail -n 1)
  done
done
