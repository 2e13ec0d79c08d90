// `node scripts/inline-wasm.mjs in.wasm bundle.js`: puts the wasm's bytes into the bundled module
// `bundle.js` (built by esbuild from js/entry.js or js/ui.js), in place of the placeholder string
// js/carried-wasm.js exports, so that the module carries its wasm (see js/carried.js). The first
// layer travels inside cookie-charter.js so that a first visit makes one request after the page
// instead of two in a row (docs/size.md).
//
// The bytes are written as a string of one Latin-1 character a byte, the character's code being
// the byte: js/carried.js turns it back into bytes with the browser's own base64 functions
// (`btoa`, then `Uint8Array.fromBase64`), far faster than a JavaScript loop.
// Only the four characters a string literal cannot hold as they are get an escape: the quote,
// the backslash, line feed and carriage return. Every other byte is its character, control
// characters included (an ECMAScript string literal may hold them); this is why the string is
// put in after esbuild, which would escape some of them (escapes compress badly).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The string js/carried-wasm.js exports, which the bundle holds once until it is filled. */
export const PLACEHOLDER = '@cookie-charter:carried-wasm@';

const ESCAPES = { 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/** The JavaScript string literal (double-quoted) of `bytes`, one character a byte. */
export function carriedLiteral(bytes) {
  const parts = [];
  for (const byte of bytes) parts.push(ESCAPES[byte] ?? String.fromCharCode(byte));
  return `"${parts.join('')}"`;
}

/** `bundle` (a module's text) with its one placeholder literal replaced by `bytes`'s literal. */
export function fill(bundle, bytes) {
  const quoted = ['"', "'", '`'].map((q) => q + PLACEHOLDER + q);
  const found = quoted.map((literal) => bundle.split(literal).length - 1);
  const count = found.reduce((a, b) => a + b, 0);
  if (count !== 1) throw new Error(`inline-wasm: expected the placeholder once in the bundle, found it ${count} times`);
  const literal = quoted[found.findIndex((n) => n === 1)];
  const at = bundle.indexOf(literal);
  return bundle.slice(0, at) + carriedLiteral(bytes) + bundle.slice(at + literal.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, bundle] = process.argv.slice(2);
  if (!input || !bundle) {
    console.error('usage: node scripts/inline-wasm.mjs in.wasm bundle.js');
    process.exit(2);
  }
  writeFileSync(bundle, fill(readFileSync(bundle, 'utf8'), readFileSync(input)), 'utf8');
}
