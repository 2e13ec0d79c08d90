// Entry point of dist/cookie-charter-reader.js: the charter reader (a portal's own charter JSON
// read and checked in full, for the first layer), loaded by cookie-charter.js only on a page that
// gives its own charter. Not meant to be imported directly. It carries its wasm (see carried.js).
import init, * as reader from '../target/pkg/cookie-charter-reader.js';
import READER_WASM from './carried-wasm.js';
import { wasmBytes } from './carried.js';

/** Compiles the reader's wasm and returns its exports (`readCharter(json, lang)`). */
export async function load() {
  await init({ module_or_path: wasmBytes(READER_WASM) });
  return reader;
}
