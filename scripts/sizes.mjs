// The size of each file in dist/ that a first visit loads (JS, wasm, CSS), and of the Yew UI
// loaded on demand: raw, gzip and brotli bytes. `node scripts/sizes.mjs` prints them
// (scripts/build.sh does); tests/size.test.mjs checks the first visit's brotli total against the
// budget.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** The files of dist/ a first visit loads: the entry module carries the first layer's wasm and the banner's styles. */
export const FIRST_VISIT_FILES = ['cookie-charter.js'];

/** The file of dist/ loaded only for the Yew UI (preferences panel, charter page): it carries its wasm and styles. */
export const ON_DEMAND_FILES = ['cookie-charter-ui.js'];

/** The languages whose built-in texts a page in that language loads as a module of its own (French is in the first layer). */
export const LANGUAGE_MODULES = ['en', 'es', 'de', 'it', 'nl', 'pt'].map((tag) => `cookie-charter-lang-${tag}.js`);

/** Rows { name, raw, gzip, brotli } for each of `files` (first-visit ones by default), then their total. */
export function distSizes(files = FIRST_VISIT_FILES) {
  const rows = files.map((name) => {
    const bytes = readFileSync(new URL(`../dist/${name}`, import.meta.url));
    return {
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = rows.reduce((t, r) => ({ name: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { name: 'total', raw: 0, gzip: 0, brotli: 0 });
  return [...rows, total];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const print = (title, rows) => {
    console.log(`${title.padEnd(26)}      raw     gzip   brotli`);
    for (const r of rows) {
      console.log(`${r.name.padEnd(26)} ${String(r.raw).padStart(8)} ${String(r.gzip).padStart(8)} ${String(r.brotli).padStart(8)}`);
    }
  };
  print('first visit (bytes)', distSizes());
  print('on demand: Yew UI (bytes)', distSizes(ON_DEMAND_FILES));
  print('one a page in its language', distSizes(LANGUAGE_MODULES).slice(0, -1));
}
