// The wasm modules cookie-charter ships, as wasm-pack.toml declares them (the one place they are
// declared). `node scripts/modules.mjs` prints one line a module for scripts/build.sh:
// name|crate|entry|wasm-opt flags|nowasm (true/false)|loaded.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

const FIELDS = ['name', 'crate', 'entry', 'wasm-opt', 'nowasm', 'loaded', 'brotli'];
/** Fields a module may leave out. */
const OPTIONAL = ['wasm'];

/** Each [[module]] of wasm-pack.toml, checked: every field there, and of the expected type. */
export const MODULES = parse(readFileSync(new URL('../wasm-pack.toml', import.meta.url), 'utf8')).module.map((m) => {
  for (const field of FIELDS) {
    if (!(field in m)) throw new Error(`wasm-pack.toml: module ${m.name ?? '?'} has no ${field}`);
  }
  for (const field of Object.keys(m)) {
    if (!FIELDS.includes(field) && !OPTIONAL.includes(field)) throw new Error(`wasm-pack.toml: module ${m.name}: unknown field ${field}`);
  }
  if (!['first-visit', 'on-demand'].includes(m.loaded)) throw new Error(`wasm-pack.toml: module ${m.name}: loaded is "first-visit" or "on-demand"`);
  for (const field of ['brotli', ...OPTIONAL.filter((f) => f in m)]) {
    if (!Number.isInteger(m[field]) || m[field] <= 0) throw new Error(`wasm-pack.toml: module ${m.name}: ${field} is a byte count`);
  }
  return m;
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const m of MODULES) {
    console.log([m.name, m.crate, m.entry, m['wasm-opt'].join(' '), m.nowasm, m.loaded].join('|'));
  }
}
