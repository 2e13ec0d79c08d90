// Prints the size of each file in dist/ that a first visit loads: raw, gzip and brotli bytes.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const files = ['cookie-charter.js', 'cookie-charter_bg.wasm', 'cookie-charter.css'];
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
  { raw: 0, gzip: 0, brotli: 0 });
console.log('dist/ size (bytes)      raw     gzip   brotli');
for (const r of [...rows, total]) {
  console.log(`${r.name.padEnd(20)} ${String(r.raw).padStart(8)} ${String(r.gzip).padStart(8)} ${String(r.brotli).padStart(8)}`);
}
