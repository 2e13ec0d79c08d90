// Size budget of what a first visit loads from dist/ (JS + wasm + CSS of the first layer,
// brotli bytes, the shipped nightly build). It was 50,000 bytes; the privacy fixes that read
// every copy of the consent cookie and remove the stale ones, keep each effect of a choice
// independent of failing browser APIs, and wait for <body> cost 2.4 KB, and the explicit
// hand-over to the Yew UI (the first layer now holds the only state loop and banner, and hands
// the panel and the charter page a snapshot) 1 KB more, so it is 53,500 bytes (the build is at
// 53,2xx) until the speed work lowers it. Bytes do not depend on timing (they vary by about 0.1 % between checkouts in
// different folders), so this is a test; times are only measured by the benchmark
// (npm run bench). The Yew UI, loaded on demand, is not part of a first visit.
import test from 'node:test';
import assert from 'node:assert/strict';
import { distSizes, ON_DEMAND_FILES } from '../scripts/sizes.mjs';

const BUDGET_BROTLI_BYTES = 53_500;

test(`a first visit loads at most ${BUDGET_BROTLI_BYTES} brotli bytes from dist/`, () => {
  const sizes = distSizes();
  const total = sizes.at(-1);
  const detail = sizes.map((r) => `${r.name} ${r.brotli}`).join(', ');
  assert.ok(total.brotli <= BUDGET_BROTLI_BYTES, `over budget: ${detail}`);
  // Each file is really there and compressible: an empty or missing build cannot pass.
  for (const row of sizes.slice(0, -1)) assert.ok(row.brotli > 0 && row.brotli < row.raw, `${row.name}: ${row.raw} raw, ${row.brotli} brotli`);
});

test('the Yew UI is built, and is not what a first visit loads', () => {
  const firstVisit = distSizes().slice(0, -1).map((r) => r.name);
  for (const row of distSizes(ON_DEMAND_FILES).slice(0, -1)) {
    assert.ok(row.brotli > 0 && row.brotli < row.raw, `${row.name}: ${row.raw} raw, ${row.brotli} brotli`);
    assert.ok(!firstVisit.includes(row.name));
  }
});
