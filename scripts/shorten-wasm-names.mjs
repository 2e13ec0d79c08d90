// Shortens the names wasm-bindgen gives the glue's imports and internal exports
// (`__wbg_activeElement_1c38f3e2a6f5b7c0`, `__wbindgen_export3`, …) to `__w0`, `__w1`, … in
// both the .wasm and its JS glue. Each name stands in both files and its hex hash compresses
// badly. The JS API's own exports
// (`mount`, `getConsent`, …) and `memory` keep their names.
//
// Usage: node scripts/shorten-wasm-names.mjs target/pkg/NAME   (rewrites NAME.js and NAME_bg.wasm)
import { readFileSync, writeFileSync } from 'node:fs';

const GENERATED = /^(__wbg_|__wbindgen_|__wasm_bindgen_|__externref_)/;

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
export function readLeb(bytes, at) {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    const byte = bytes[at++];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) return [value, at];
  }
}

function leb(value) {
  const out = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encodeName = (name) => {
  const bytes = new TextEncoder().encode(name);
  return [...leb(bytes.length), ...bytes];
};

/** Reads a name at `at`; returns [name, next offset]. */
export function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  const end = start + Number(length);
  return [utf8.decode(bytes.subarray(start, end)), end];
}

/** Offset just past a table's or memory's limits at `at`. */
function skipLimits(bytes, at) {
  const flags = bytes[at++];
  [, at] = readLeb(bytes, at);
  if (flags & 1) [, at] = readLeb(bytes, at);
  return at;
}

/** Offset just past the import description at `at` (kind byte and what follows). */
export function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  switch (kind) {
    case 0: return readLeb(bytes, at)[1]; // function: type index
    case 1: return skipLimits(bytes, at + 1); // table: reference type, limits
    case 2: return skipLimits(bytes, at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    case 4: return readLeb(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind} at byte ${at - 1}`);
  }
}

/** The import (2) or export (7) section's payload with generated names replaced through `rename`. */
function rewriteSection(id, payload, rename) {
  const out = [];
  let [count, at] = readLeb(payload, 0);
  out.push(...leb(count));
  for (let i = 0n; i < count; i++) {
    if (id === 2) {
      let module, field;
      [module, at] = readName(payload, at);
      [field, at] = readName(payload, at);
      const end = skipImportDescription(payload, at);
      out.push(...encodeName(module), ...encodeName(rename(field)), ...payload.subarray(at, end));
      at = end;
    } else {
      let name;
      [name, at] = readName(payload, at);
      const end = readLeb(payload, at + 1)[1]; // kind byte, index
      out.push(...encodeName(rename(name)), ...payload.subarray(at, end));
      at = end;
    }
  }
  if (at !== payload.length) throw new Error(`section ${id}: ${payload.length - at} bytes left over`);
  return Uint8Array.from(out);
}

/** A pattern matching `name` as a whole JS identifier (not inside a longer one). */
const identifier = (name, flags = '') =>
  new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, flags);

/** Rewrites `NAME_bg.wasm` and `NAME.js` under `base`; returns how many names were shortened. */
export function shortenNames(base) {
  const wasmPath = `${base}_bg.wasm`;
  const jsPath = `${base}.js`;
  const wasm = readFileSync(wasmPath);
  let js = readFileSync(jsPath, 'utf8');
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);

  const names = new Map();
  const rename = (name) => {
    if (!GENERATED.test(name)) return name;
    if (!names.has(name)) {
      const short = `__w${names.size.toString(36)}`;
      if (identifier(short).test(js)) throw new Error(`${jsPath} already uses ${short}`);
      names.set(name, short);
    }
    return names.get(name);
  };

  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readLeb(wasm, at + 1);
    const end = start + Number(size);
    const payload = wasm.subarray(start, end);
    if (id === 2 || id === 7) {
      const rewritten = rewriteSection(id, payload, rename);
      parts.push(Uint8Array.of(id, ...leb(rewritten.length)), rewritten);
    } else {
      parts.push(wasm.subarray(at, end));
    }
    at = end;
  }

  for (const [name, short] of names) {
    const before = js;
    js = js.replace(identifier(name, 'g'), short);
    if (js === before) throw new Error(`${jsPath} does not mention ${name}`);
  }
  writeFileSync(wasmPath, Buffer.concat(parts));
  writeFileSync(jsPath, js);
  return names.size;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const base = process.argv[2];
  if (!base) {
    console.error('usage: node scripts/shorten-wasm-names.mjs target/pkg/NAME');
    process.exit(2);
  }
  console.log(`${base}: ${shortenNames(base)} generated names shortened`);
}
