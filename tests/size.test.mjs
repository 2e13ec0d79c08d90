// The weight of what dist/ ships, in brotli bytes (the shipped nightly build): each bundle
// wasm-pack.toml declares within 2 % of the figure recorded there (a build that grows fails, and
// one that shrinks asks for the new figure, so that the docs stay true), and each language's
// texts module within its budget. Bytes do not depend on timing, so this is a test; times are
// only measured by the benchmark (npm run bench).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { MODULES } from '../scripts/modules.mjs';
import { fileSize, LANGUAGE_MODULES, TOLERANCE, wasmFile } from '../scripts/sizes.mjs';

const LANGUAGE_BUDGET_BROTLI_BYTES = 1_650;

for (const m of MODULES) {
  test(`${m.name}.js weighs its figure in wasm-pack.toml, ${m.brotli} brotli bytes, within 2 %`, () => {
    const s = fileSize(`${m.name}.js`);
    // Really there and compressible: an empty or missing build cannot pass.
    assert.ok(s.brotli > 0 && s.brotli < s.raw, `${s.name}: ${s.raw} raw, ${s.brotli} brotli`);
    const change = (s.brotli - m.brotli) / m.brotli;
    assert.ok(Math.abs(change) <= TOLERANCE,
      `${s.name}: ${s.brotli} B brotli, ${(change * 100).toFixed(2)} % from the ${m.brotli} B of wasm-pack.toml ` +
      '(record the new figure there and in the docs if the change is meant)');
  });
}

for (const m of MODULES.filter((x) => x.wasm)) {
  test(`${m.name}'s wasm, a file of its own, weighs its figure in wasm-pack.toml, ${m.wasm} brotli bytes, within 2 %`, () => {
    const file = wasmFile(m.name);
    assert.ok(file, `dist/ has no ${m.name}-<hash>.wasm`);
    const s = fileSize(file);
    const change = (s.brotli - m.wasm) / m.wasm;
    assert.ok(Math.abs(change) <= TOLERANCE,
      `${file}: ${s.brotli} B brotli, ${(change * 100).toFixed(2)} % from the ${m.wasm} B of wasm-pack.toml`);
    // The entry names it, with the integrity of these very bytes.
    const entry = readFileSync(new URL(`../dist/${m.name}.js`, import.meta.url), 'utf8');
    const integrity = `sha384-${createHash('sha384').update(readFileSync(new URL(`../dist/${file}`, import.meta.url))).digest('base64')}`;
    assert.ok(entry.includes(`"./${file}"`) && entry.includes(`"${integrity}"`), `${m.name}.js names ${file} and its integrity`);
  });
}

test('a first visit loads the first-visit modules only', () => {
  const firstVisit = MODULES.filter((m) => m.loaded === 'first-visit').map((m) => m.name);
  assert.deepEqual(firstVisit, ['cookie-charter']);
  // The entry module names the Yew UI's module as a separate file, loaded by import().
  const entry = readFileSync(new URL('../dist/cookie-charter.js', import.meta.url), 'utf8');
  for (const m of MODULES.filter((x) => x.loaded === 'on-demand')) {
    assert.ok(entry.includes(`import("./${m.name}.js")`), `${m.name}.js is imported on demand`);
  }
});

test(`a first visit in another language adds its texts module only: at most ${LANGUAGE_BUDGET_BROTLI_BYTES} brotli bytes each`, () => {
  for (const file of LANGUAGE_MODULES) {
    const s = fileSize(file);
    assert.ok(s.brotli > 0 && s.brotli <= LANGUAGE_BUDGET_BROTLI_BYTES, `${file}: ${s.brotli} brotli`);
  }
});

// Chromium compiles the functions of a module that opens with this comment on a background thread
// while it streams in, instead of on the main thread at their first call (scripts/build.sh).
test('each bundle opens with the compile hint', () => {
  for (const m of MODULES) {
    const firstLine = readFileSync(new URL(`../dist/${m.name}.js`, import.meta.url), 'utf8').split('\n', 1)[0];
    assert.equal(firstLine, '//# allFunctionsCalledOnLoad', m.name);
  }
});
