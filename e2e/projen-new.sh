#!/usr/bin/env bash
# The whole path a consultancy takes, on loopback: release every package (versions and pinned ranges, as the release
# workflow makes them), publish them to a local npm registry (verdaccio), create a client's repository with
# `npx projen new --from @landfall/projen`, run its tests, then publish a new minor version and upgrade the client.
#
# Needs the packages built (`npx projen compile`) and the npm registry (verdaccio and the client's third-party
# packages come from it; every @landfall package comes from the local registry). About four minutes on 2 cores.
# Run by `npx projen e2e`. Leaves the checkout as it was; E2E_KEEP=1 keeps the work folder.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
# Started by npm or npx (`npx projen e2e`), the script inherits their settings as npm_config_* variables, the user
# configuration among them, which would outrank this run's own: start from none of those, as a fresh shell would.
# (NPM_CONFIG_* in capitals are the caller's own choices, a mirror or a proxy: they stay.)
while IFS= read -r inherited; do unset "$inherited" 2> /dev/null || true; done < <(env | sed -n 's/^\(npm_config_[^=]*\)=.*/\1/p')
VERDACCIO="verdaccio@6.8.0" # the newest that runs on Node 20
PROJEN="projen@0.103.25"
PORT="${E2E_PORT:-4873}"
REGISTRY="http://127.0.0.1:${PORT}/"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/landfall-e2e-XXXXXX")"
VERDACCIO_PID=""

cleanup() {
  local status=$?
  # npx runs verdaccio in a child process: stop the whole process group setsid made.
  if [ -n "$VERDACCIO_PID" ]; then kill -- "-$VERDACCIO_PID" 2>/dev/null || kill "$VERDACCIO_PID" 2>/dev/null || true; fi
  # A failed run keeps its folder: the logs its message names are there.
  if [ "${E2E_KEEP:-}" = 1 ] || [ "$status" -ne 0 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Each step says when it starts, in seconds since the run started.
step() { printf '\n== [%d s] %s\n' "$SECONDS" "$*"; }
fail() {
  echo "✘ $*" >&2
  # The end of the log the message names, so that a CI log says why without the folder.
  local log
  log="$(printf '%s' "$*" | sed -n 's/.*(see \([^)]*\)).*/\1/p')"
  if [ -n "$log" ] && [ -f "$log" ]; then tail -n 20 "$log" | sed 's/^/  | /' >&2; fi
  exit 1
}

step "a copy of this checkout, released: every package versioned and its siblings' ranges pinned"
copy="$WORK/repo"
mkdir -p "$copy"
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard) | (cd "$REPO" && xargs -0 cp --parents -t "$copy" 2>/dev/null || true)
for lib in "$REPO"/packages/*/lib; do
  pkg="$(basename "$(dirname "$lib")")"
  cp -r "$lib" "$copy/packages/$pkg/lib"
  [ -f "$REPO/packages/$pkg/.jsii" ] && cp "$REPO/packages/$pkg/.jsii" "$copy/packages/$pkg/.jsii"
done
ln -s "$REPO/node_modules" "$copy/node_modules"
(
  cd "$copy"
  git init -q -b main
  echo node_modules > .git/info/exclude
  # Inside `npx projen release` (its test step) the checkout is versioned: the copy starts from the workspace.
  if grep -q '"version": "[1-9]' packages/*/package.json; then
    env -u RELEASE -u CI npx projen release:unversion > "$WORK/release-unversion.log" 2>&1 || fail "release:unversion (see $WORK/release-unversion.log)"
  fi
  git add -A
  git -c user.email=e2e@example.com -c user.name=e2e -c commit.gpgsign=false commit -q -m "feat: the packages as they are"
  env -u RELEASE -u CI npx projen release:version > "$WORK/release-version.log" 2>&1 || fail "release:version (see $WORK/release-version.log)"
)

pack_all() {
  mkdir -p "$1"
  for dir in "$copy"/packages/*/; do
    (cd "$dir" && npm pack --silent --pack-destination "$1" > /dev/null)
  done
}
pack_all "$WORK/tarballs"
[ "$(ls "$WORK/tarballs" | wc -l)" -eq "$(ls -d "$copy"/packages/*/ | wc -l)" ] || fail "not every package packed"

step "a local registry: verdaccio on $REGISTRY (@landfall/* from it alone, anything else through it from npm)"
curl -sf "${REGISTRY}-/ping" > /dev/null && fail "something already answers on $REGISTRY: stop it, or set E2E_PORT"
mkdir -p "$WORK/verdaccio"
cat > "$WORK/verdaccio/config.yaml" << EOF
storage: $WORK/verdaccio/storage
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
packages:
  '@landfall/*':
    access: \$all
    publish: \$all
  '**':
    access: \$all
    proxy: npmjs
log: { type: stdout, format: pretty, level: warn }
listen: 127.0.0.1:$PORT
max_body_size: 200mb
EOF
npm_config_yes=true setsid npx "$VERDACCIO" --config "$WORK/verdaccio/config.yaml" > "$WORK/verdaccio.log" 2>&1 &
VERDACCIO_PID=$!
for _ in $(seq 1 60); do
  curl -sf "${REGISTRY}-/ping" > /dev/null && break
  sleep 1
done
curl -sf "${REGISTRY}-/ping" > /dev/null || fail "verdaccio did not start (see $WORK/verdaccio.log)"

# The client's npm, and the publisher's: @landfall from the local registry. The token is verdaccio's placeholder.
NPMRC="$WORK/npmrc"
printf '@landfall:registry=%s\n//127.0.0.1:%s/:_authToken=e2e-placeholder\n' "$REGISTRY" "$PORT" > "$NPMRC"
# Three tries, a few seconds apart: a registry that has just started can refuse the first write. A try that
# failed after the registry took the package (the answer lost) counts as done.
publish() {
  local try spec
  spec="$(tar -xOzf "$1" package/package.json | node -e 'const p=JSON.parse(require("fs").readFileSync(0,"utf8"));process.stdout.write(p.name+"@"+p.version)')"
  for try in 1 2 3; do
    NPM_CONFIG_USERCONFIG="$NPMRC" npm publish "$1" --registry "$REGISTRY" > /dev/null 2>> "$WORK/publish.log" && return 0
    echo "publish $spec: try $try failed" >> "$WORK/publish.log"
    NPM_CONFIG_USERCONFIG="$NPMRC" npm view "$spec" version --registry "$REGISTRY" > /dev/null 2>&1 && return 0
    sleep 3
  done
  return 1
}
for tarball in "$WORK"/tarballs/*.tgz; do publish "$tarball" || fail "publish $tarball (see $WORK/publish.log)"; done
version="$(NPM_CONFIG_USERCONFIG="$NPMRC" npm view @landfall/projen version)"
echo "published $(ls "$WORK/tarballs" | wc -l) packages; @landfall/projen is $version"

step "npx $PROJEN new --from @landfall/projen@$version"
client="$WORK/client"
mkdir -p "$client"
cp "$NPMRC" "$client/.npmrc"
(
  cd "$client"
  export NPM_CONFIG_USERCONFIG="$NPMRC" npm_config_yes=true
  env -u RELEASE -u CI npx "$PROJEN" new --from "@landfall/projen@$version" --landing-zone-name beta-health --no-git \
    > "$WORK/new.log" 2>&1 || fail "projen new (see $WORK/new.log)"
  for file in landing-zone.yaml landing-zone.json docs/hipaa-matrix.md docs/architecture.svg accounts/main.ts accounts/prod/index.ts .github/workflows/build.yml; do
    [ -s "$file" ] || fail "projen new wrote no $file"
  done
  grep -q '^name: beta-health$' landing-zone.yaml || fail "the starter is not named beta-health"
  echo "✔ the new repository has its definition, docs/, scp/ and accounts/"

  step "the client's npx projen test: type-check, validate, and every stack checked"
  env -u RELEASE -u CI npx projen test > "$WORK/client-test.log" 2>&1 || fail "the client's tests (see $WORK/client-test.log)"
  grep -E '✔ beta-health: [0-9]+ stacks' "$WORK/client-test.log"

  git init -q -b main
  git add -A
  git -c user.email=e2e@example.com -c user.name=e2e -c commit.gpgsign=false commit -q -m "chore: new landing zone"
)

step "a new minor version: a feature in @landfall/landing-zone (a package the client depends on), released and published"
(
  cd "$copy"
  for pkg in "$copy"/packages/*; do git tag "$(cat "$pkg/dist/releasetag.txt")"; done
  env -u RELEASE -u CI npx projen release:unversion > /dev/null 2>&1
  echo "// a new option" >> packages/landing-zone/src/index.ts
  git add packages/landing-zone/src/index.ts
  git -c user.email=e2e@example.com -c user.name=e2e -c commit.gpgsign=false commit -q -m "feat(landing-zone): a new option"
  env -u RELEASE -u CI npx projen release:version > "$WORK/release-version-2.log" 2>&1 || fail "release:version (see $WORK/release-version-2.log)"
)
minor="$(cat "$copy/packages/landing-zone/dist/version.txt")"
[ "$minor" = 1.1.0 ] || fail "@landfall/landing-zone should be 1.1.0 after a feature, not $minor"
[ "$(cat "$copy/packages/model/dist/version.txt")" = 1.0.0 ] || fail "@landfall/model changed version without a commit of its own"
mkdir -p "$WORK/minor"
(cd "$copy/packages/landing-zone" && npm pack --silent --pack-destination "$WORK/minor" > /dev/null)
publish "$WORK/minor/landfall-landing-zone-$minor.tgz" || fail "publish @landfall/landing-zone@$minor"
echo "published @landfall/landing-zone@$minor"

step "the client's npx projen upgrade"
(
  cd "$client"
  export NPM_CONFIG_USERCONFIG="$NPMRC" npm_config_yes=true
  env -u RELEASE -u CI npx projen upgrade > "$WORK/upgrade.log" 2>&1 || fail "projen upgrade (see $WORK/upgrade.log)"
  installed="$(node -p "require('@landfall/landing-zone/package.json').version")"
  [ "$installed" = "$minor" ] || fail "the client has @landfall/landing-zone $installed after the upgrade, not $minor"
  git diff --quiet -- package-lock.json && fail "the upgrade left package-lock.json as it was"
  env -u RELEASE -u CI npx projen test > "$WORK/client-test-2.log" 2>&1 || fail "the client's tests after the upgrade (see $WORK/client-test-2.log)"
  echo "✔ the client runs @landfall/landing-zone $installed, and its tests pass"
)
echo
echo "✔ end to end in $SECONDS s: released, published, projen new, tested, upgraded to a new minor, tested again"
