// Entry point of dist/cookie-charter-ui.js: the Yew UI (the charter page), loaded by
// cookie-charter.js on a page with a charter table. Not meant to be imported directly. It
// carries its wasm and its stylesheet (see carried.js).
import init, * as ui from '../target/pkg/cookie-charter-ui.js';
import UI_WASM from './carried-wasm.js';
import UI_CSS from '../target/pkg/cookie-charter-ui.css';
import { applyStylesheet, wasmBytes } from './carried.js';

/** Applies the Yew UI's styles, compiles its wasm and returns its exports. */
export async function load() {
  applyStylesheet(UI_CSS, new URL('cookie-charter-ui.css', import.meta.url).href);
  await init({ module_or_path: wasmBytes(UI_WASM) });
  return ui;
}
