// `node scripts/wasm-file.mjs in.wasm bundle.js`: writes the first layer's wasm next to the
// bundled entry, as <bundle name>-<hash>.wasm (its name changes with its bytes), puts its file
// name and SRI integrity into the bundle in place of js/entry.js's placeholders, and writes the
// same bytes carried in a module of their own, <bundle name>-wasm.js (see js/carried.js), for
// where the file cannot be fetched.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { carriedLiteral } from './inline-wasm.mjs';

const [wasmPath, bundlePath] = process.argv.slice(2);
if (!wasmPath || !bundlePath) {
  console.error('usage: node scripts/wasm-file.mjs in.wasm bundle.js');
  process.exit(2);
}
const bytes = readFileSync(wasmPath);
const name = basename(bundlePath, '.js');
const file = `${name}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.wasm`;
const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
let bundle = readFileSync(bundlePath, 'utf8');
for (const [placeholder, value] of [['@cookie-charter:wasm-file@', file], ['@cookie-charter:wasm-integrity@', integrity]]) {
  const count = bundle.split(placeholder).length - 1;
  if (count !== 1) throw new Error(`wasm-file: expected ${placeholder} once in ${bundlePath}, found it ${count} times`);
  bundle = bundle.replace(placeholder, value);
}
writeFileSync(join(dirname(bundlePath), file), bytes);
writeFileSync(bundlePath, bundle);
writeFileSync(join(dirname(bundlePath), `${name}-wasm.js`),
  `// The first layer's wasm, carried (one Latin-1 character a byte): where ${file} cannot be fetched.\nexport default ${carriedLiteral(bytes)};\n`, 'utf8');
