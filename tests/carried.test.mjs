// The wasm each module carries (scripts/inline-wasm.mjs writes it, js/carried.js reads it back):
// every byte value survives the string literal, both ways of turning the string into bytes give
// the bytes, the build leaves no placeholder, and each shipped module carries exactly the wasm
// that was built. The browser tests (tests/e2e, tests/engines) run the shipped modules.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { carriedLiteral, fill, PLACEHOLDER } from '../scripts/inline-wasm.mjs';
import { wasmBytes } from '../js/carried.js';
import placeholder from '../js/carried-wasm.js';
import { wasmFile } from '../scripts/sizes.mjs';

// Each of the 256 byte values twice, in a scrambled order.
const EVERY_BYTE = Uint8Array.from({ length: 512 }, (_, i) => (i * 7 + (i >> 8)) % 256);
/** The string a module holds for `literal`, as the engine reads the source text. */
const evaluate = (literal) => new Function(`return ${literal};`)();

test('every byte value survives the carried string literal', () => {
  const literal = carriedLiteral(EVERY_BYTE);
  const text = evaluate(literal);
  assert.equal(text.length, EVERY_BYTE.length);
  for (let i = 0; i < text.length; i++) assert.equal(text.charCodeAt(i), EVERY_BYTE[i], `byte ${EVERY_BYTE[i]}`);
  // Only the quote, the backslash, LF and CR (each twice in EVERY_BYTE) take a second
  // character; control characters stay as they are.
  assert.equal(literal.length, 2 + EVERY_BYTE.length + 4 * 2);
});

test('wasmBytes gives the bytes back, with the browser\'s base64 functions and without', (t) => {
  const text = evaluate(carriedLiteral(EVERY_BYTE));
  const native = Uint8Array.fromBase64;
  t.after(() => {
    if (native) Uint8Array.fromBase64 = native;
    else delete Uint8Array.fromBase64;
  });
  delete Uint8Array.fromBase64;
  assert.deepEqual(wasmBytes(text), EVERY_BYTE, 'the loop');
  let used = 0;
  Uint8Array.fromBase64 = (base64) => {
    used++;
    return new Uint8Array(Buffer.from(base64, 'base64'));
  };
  assert.deepEqual(wasmBytes(text), EVERY_BYTE, 'btoa then Uint8Array.fromBase64');
  assert.equal(used, 1);
});

test('the placeholder is replaced once, and a bundle without it, or with two, is refused', () => {
  assert.equal(placeholder, PLACEHOLDER);
  const bundle = `const a=1;init("${PLACEHOLDER}");`;
  const filled = fill(bundle, Uint8Array.of(0, 0x22, 0x41));
  assert.equal(filled, `const a=1;init(${carriedLiteral(Uint8Array.of(0, 0x22, 0x41))});`);
  assert.equal(fill(`x('${PLACEHOLDER}')`, Uint8Array.of(0x42)), 'x("B")');
  assert.throws(() => fill('const a=1;', EVERY_BYTE), /found it 0 times/);
  assert.throws(() => fill(`"${PLACEHOLDER}";'${PLACEHOLDER}'`, EVERY_BYTE), /found it 2 times/);
});

test('each shipped module carries the wasm that was built, and no placeholder', () => {
  // The Yew UI carries its wasm; the first layer's is a file of its own, and carried by
  // cookie-charter-wasm.js for where the file cannot be fetched.
  for (const [part, carrier] of [['cookie-charter-ui', 'cookie-charter-ui.js'], ['cookie-charter', 'cookie-charter-wasm.js']]) {
    const bundle = readFileSync(new URL(`../dist/${carrier}`, import.meta.url), 'utf8');
    const wasm = readFileSync(new URL(`../target/pkg/${part}_bg.wasm`, import.meta.url));
    assert.ok(!bundle.includes(PLACEHOLDER), `${carrier} still holds the placeholder`);
    assert.equal(bundle.split(carriedLiteral(wasm)).length - 1, 1, `${carrier} carries ${part}_bg.wasm once`);
  }
  const file = wasmFile('cookie-charter');
  assert.ok(file, 'dist/ has the first layer\'s wasm file');
  assert.deepEqual(readFileSync(new URL(`../dist/${file}`, import.meta.url)),
    readFileSync(new URL('../target/pkg/cookie-charter_bg.wasm', import.meta.url)), `${file} is the wasm that was built`);
  const entry = readFileSync(new URL('../dist/cookie-charter.js', import.meta.url), 'utf8');
  assert.ok(!entry.includes('@cookie-charter:wasm-'), 'cookie-charter.js still holds a placeholder');
});
