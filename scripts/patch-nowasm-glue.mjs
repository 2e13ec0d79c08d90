// wasm2js emulates the wasm's memory with an ArrayBuffer that it replaces when the memory grows,
// without detaching the old one; wasm-bindgen's glue renews its cached views of the memory only
// when the old buffer is detached, so after a growth it would read and write stale bytes. This
// makes every view renew when the buffer is another one. Stops the build if the glue no longer
// has the expected code.
//
//   node scripts/patch-nowasm-glue.mjs target/nowasm/cookie-charter_bg.js
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
let glue = readFileSync(file, 'utf8');
const fixes = [
  [/cachedUint8ArrayMemory0\.byteLength === 0/g, 'cachedUint8ArrayMemory0.buffer !== wasm.memory.buffer'],
  [/cachedDataViewMemory0\.buffer\.detached === true \|\| \(cachedDataViewMemory0\.buffer\.detached === undefined && cachedDataViewMemory0\.buffer !== wasm\.memory\.buffer\)/g,
    'cachedDataViewMemory0.buffer !== wasm.memory.buffer'],
];
for (const [pattern, replacement] of fixes) {
  if (!pattern.test(glue)) {
    console.error(`patch-nowasm-glue: ${pattern} not found in ${file}; the wasm-bindgen glue changed`);
    process.exit(1);
  }
  glue = glue.replace(pattern, replacement);
}
const stale = glue.match(/cached\w+Memory0\.byteLength === 0|\.detached === true/);
if (stale) {
  console.error(`patch-nowasm-glue: another memory view check is left in ${file}: ${stale[0]}`);
  process.exit(1);
}
writeFileSync(file, glue);
