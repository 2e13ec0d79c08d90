// Entry point of dist/cookie-charter-ui.js: the Yew UI (preferences panel, charter page), loaded
// by cookie-charter.js only when a page needs it. Not meant to be imported directly.
import init, * as ui from '../target/pkg/cookie-charter-ui.js';

/** Compiles the Yew UI's wasm (found next to this file) and returns its exports. */
export async function load() {
  // Written out as `new URL('…', import.meta.url)` so that bundlers (Vite) copy the file.
  await init({ module_or_path: new URL('cookie-charter-ui_bg.wasm', import.meta.url) });
  return ui;
}
