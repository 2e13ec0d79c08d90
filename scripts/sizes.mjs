// The size of each bundle in dist/ that wasm-pack.toml declares, and of the language modules:
// raw, gzip and brotli bytes, each bundle against the figure wasm-pack.toml holds for it.
// `node scripts/sizes.mjs` prints them (scripts/build.sh and scripts/size.sh do);
// tests/size.test.mjs checks them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { MODULES } from './modules.mjs';

/** How far a bundle's brotli size may be from its figure in wasm-pack.toml, as a fraction. */
export const TOLERANCE = 0.02;

/** The languages whose built-in texts a page in that language loads as a module of its own (French is in the first layer). */
export const LANGUAGE_MODULES = ['en', 'es', 'de', 'it', 'nl', 'pt'].map((tag) => `cookie-charter-lang-${tag}.js`);

/** { name, raw, gzip, brotli } of dist/<name>. */
export function fileSize(name) {
  const bytes = readFileSync(new URL(`../dist/${name}`, import.meta.url));
  return {
    name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Whether dist/<name> was built. */
export const built = (name) => existsSync(new URL(`../dist/${name}`, import.meta.url));

/** The name of module `name`'s wasm file in dist/ (<name>-<hash>.wasm), or null. */
export function wasmFile(name) {
  const pattern = new RegExp(`^${name}-[0-9a-f]{16}\\.wasm$`);
  return readdirSync(new URL('../dist/', import.meta.url)).find((file) => pattern.test(file)) ?? null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const column = (value, width = 8) => String(value).padStart(width);
  // One line: `label`, dist/<file>'s sizes, and its brotli bytes against `figure`.
  const line = (label, file, figure) => {
    const s = fileSize(file);
    const change = ((s.brotli - figure) / figure) * 100;
    const flag = Math.abs(change) > TOLERANCE * 100 ? '  (outside the 2 % the size test allows)' : '';
    console.log(`${label.padEnd(30)} ${column(s.raw)} ${column(s.gzip)} ${column(s.brotli)} ${column(figure)} ${column(`${change >= 0 ? '+' : ''}${change.toFixed(2)} %`)}${flag}`);
  };
  console.log(`${'module (bytes)'.padEnd(30)}      raw     gzip   brotli   figure   change`);
  for (const m of MODULES) {
    const file = `${m.name}.js`;
    if (!built(file)) continue;
    line(`${file} (${m.loaded})`, file, m.brotli);
    const wasm = m.wasm && wasmFile(m.name);
    if (wasm) line(`${m.name}-<hash>.wasm (after)`, wasm, m.wasm);
  }
  for (const file of LANGUAGE_MODULES.filter(built)) {
    const s = fileSize(file);
    console.log(`${file.padEnd(30)} ${column(s.raw)} ${column(s.gzip)} ${column(s.brotli)}`);
  }
}
