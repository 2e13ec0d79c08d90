// Entry point of dist/cookie-charter-ui.js: the Yew UI (preferences panel, charter page), loaded
// by cookie-charter.js only when a page needs it. Not meant to be imported directly.
import init, * as ui from '../target/pkg/cookie-charter-ui.js';

/**
 * Compiles the Yew UI's wasm and returns its exports. `wasm` is its response when the caller
 * already asked for it (cookie-charter.js does, beside its request for this module); else the
 * file next to this one is fetched.
 */
export async function load(wasm) {
  // Written out as `new URL('…', import.meta.url)` so that bundlers (Vite) copy the file.
  await init({ module_or_path: wasm ?? new URL('cookie-charter-ui_bg.wasm', import.meta.url) });
  return ui;
}
