// Entry point of dist/cookie-charter.js (bundled by esbuild with the wasm-bindgen glue).
// Adds the stylesheet that sits next to this file, loads the wasm next to it, and starts the
// component from this module's own <script> tag. If anything fails, nothing optional loads.
import init, { mountFromScript } from '../target/pkg/cookie_charter.js';

const here = import.meta.url;

/** The <script> tag that loaded this module, or null (imported from another module). */
function ownScriptTag() {
  for (const script of document.querySelectorAll('script[src]')) {
    if (script.src === here) return script;
  }
  return null;
}

/** Links cookie-charter.css unless the page already does. */
function linkStylesheet() {
  const href = new URL('cookie-charter.css', here).href;
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    if (link.href === href) return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  (document.head || document.documentElement).append(link);
}

async function start() {
  linkStylesheet();
  try {
    await init({ module_or_path: new URL('cookie-charter.wasm', here) });
  } catch (error) {
    console.error('[cookie-charter] the WebAssembly module could not be loaded; ' +
      'no banner is shown and nothing optional is loaded.', error);
    return;
  }
  mountFromScript(ownScriptTag());
}

await start();
