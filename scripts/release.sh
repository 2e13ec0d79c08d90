#!/usr/bin/env bash
# `npm run release`: builds dist/ and makes cookie-charter-<version>.zip, what a webmaster without
# Rust downloads from a release page:
#
#   cookie-charter-<version>/
#     cookie-charter/        the folder to copy to the portal's server (every file of dist/
#                            that a page may load, and the TypeScript declarations)
#     README.md, LICENSE
#     SHA384SUMS             `sha384sum -c SHA384SUMS` checks the copy
#     SRI                    the `integrity` value of each file, for <script integrity="…">
#
# `--no-build` packs the dist/ already built (the tests do, after their own build).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v zip >/dev/null || { echo "release: zip is missing (scripts/setup.sh --browser installs it)" >&2; exit 1; }

case "${1:-}" in
  "") bash scripts/build.sh ;;
  --no-build) ;;
  *) echo "usage: scripts/release.sh [--no-build]" >&2; exit 2 ;;
esac

version=$(node -p "require('./package.json').version")
name="cookie-charter-$version"
stage="target/release/$name"
rm -rf target/release
mkdir -p "$stage/cookie-charter"

# The package's files (package.json "files"), so the zip and npm pack ship the same; a pattern
# (the first layer's wasm, named by its content) stands for the one file it matches.
node -e "for (const f of require('./package.json').files) console.log(f)" | while read -r pattern; do
  # shellcheck disable=SC2086 # the pattern is meant to be expanded
  set -- $pattern
  [ $# -eq 1 ] && [ -f "$1" ] || { echo "release: $pattern matches no one file: build first (npm run build)" >&2; exit 1; }
  cp "$1" "$stage/cookie-charter/"
done
cp README.md LICENSE "$stage/"

(
  cd "$stage"
  sha384sum cookie-charter/* > SHA384SUMS
  node -e "
    const { createHash } = require('node:crypto');
    const { readFileSync, readdirSync } = require('node:fs');
    for (const f of readdirSync('cookie-charter').sort()) {
      const hash = createHash('sha384').update(readFileSync('cookie-charter/' + f)).digest('base64');
      console.log('cookie-charter/' + f + ' sha384-' + hash);
    }" > SRI
)

rm -f "$name.zip"
(cd target/release && zip -q -r -X "../../$name.zip" "$name")
echo "release: $name.zip"
cat "$stage/SRI"
