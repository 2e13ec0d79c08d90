#!/usr/bin/env bash
# Packs the npm package (npm pack, which builds dist/ first), installs the tarball into
# examples/vite (from the file, not a link), type-checks the example against the shipped
# declarations and builds it with Vite 7 into examples/vite/dist (served under /vite/ by the
# tests), Vite 8 into dist-vite8 (/vite8/), plain esbuild into dist-esbuild (/esbuild/) and
# webpack 5 into dist-webpack (/webpack/).
set -euo pipefail
cd "$(dirname "$0")/.."

rm -f cookie-charter-*.tgz
tarball=$(npm pack --silent | tail -n 1)
echo "packed $tarball:"
tar -tzf "$tarball" | sed 's/^/  /'

cd examples/vite
rm -rf node_modules dist
npm install --no-save --no-package-lock --no-audit --no-fund "../../$tarball"
# The TypeScript snippet of docs/javascript-api.md is type-checked with the app, under the Vite template's strict
# tsconfig.
node ../../scripts/doc-snippet.mjs npm-snippet ts src/readme-snippet.ts
../../node_modules/.bin/tsc -p tsconfig.json
../../node_modules/.bin/vite build --base /vite/ --logLevel warn
# The same with the current Vite 8 (installed as `vite8`), into dist-vite8 (under /vite8/).
node ../../node_modules/vite8/bin/vite.js build --base /vite8/ --outDir dist-vite8 --emptyOutDir --logLevel warn
# The same app bundled by plain esbuild (code splitting on, so that the panel's module and the
# no-WebAssembly fallback stay lazy chunks) into examples/vite/dist-esbuild, served under
# /esbuild/ by the tests.
rm -rf dist-esbuild
../../node_modules/.bin/esbuild src/main.ts --bundle --format=esm --splitting --target=es2022 \
  --log-level=warning --outdir=dist-esbuild
sed 's|/src/main.ts|./main.js|' index.html > dist-esbuild/index.html
# And by webpack 5 into dist-webpack (under /webpack/).
node ../../scripts/example-webpack.mjs
