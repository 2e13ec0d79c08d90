// Entry point of dist/cookie-charter.js (bundled by esbuild with the first layer's wasm-bindgen
// glue).
//
// - With a <script type="module" src=".../cookie-charter.js" data-…> tag, it starts by itself
//   from that tag's attributes.
// - Imported from a bundler, it does nothing until `mount(options)` is called.
// It starts the first layer (cookie-charter_bg.wasm: banner, stored choice, what it allows),
// and loads the Yew UI (cookie-charter-ui.js + cookie-charter-ui_bg.wasm) only when the visitor
// asks for the preferences panel, or at once on a page that shows the charter table. The wasm
// files and the stylesheet are found next to this file. If anything fails, nothing optional is
// loaded. The API is also on `window.CookieCharter`.
import init, * as firstLayer from '../target/pkg/cookie-charter.js';

const here = import.meta.url;
const CHANGE = 'cookie-charter:change';
// Shared by every copy of this module on the page (two script tags with different URLs are two
// module instances): the first to start owns the page, the others forward to it.
const REGISTRY = Symbol.for('cookie-charter');
let loading = null;
let mounted = null;
let api = null;
// How this copy started ({ tag } or { options }): the Yew UI takes over from the same settings.
let source = null;
// The started module whose functions answer the API: the first layer, then the Yew UI.
let wasm = null;
let ui = null;
let handingOver = null;

/** The API of another copy that already started on this page, if any. */
function owner() {
  const registered = typeof window !== 'undefined' ? window[REGISTRY] : undefined;
  return registered && registered.api !== api ? registered : null;
}

const ATTRIBUTES = ['data-audience-src', 'data-policy-url', 'data-lang', 'data-consent-days',
  'data-cookie-domain', 'data-preset', 'data-charter', 'data-floating-button',
  'data-reload-on-withdraw', 'data-google-consent-mode', 'data-matomo', 'data-receipt-url', 'data-nonce'];

/**
 * The <script> tag that loaded this very file to start the banner, or null. When a bundler
 * merged this module into an app's bundle, the app's own tag loads it: that tag is ours only if
 * the file is still called cookie-charter*.js or the tag carries one of our attributes.
 */
function ownScriptTag() {
  if (typeof document === 'undefined') return null;
  for (const script of document.querySelectorAll('script[src]')) {
    if (script.src !== here) continue;
    const file = new URL(here).pathname.split('/').pop();
    if (file.startsWith('cookie-charter') || ATTRIBUTES.some((a) => script.hasAttribute(a))) return script;
  }
  return null;
}

/** Links cookie-charter.css unless the page already does. */
function linkStylesheet() {
  // Written out as `new URL('…', import.meta.url)` so that bundlers (Vite) copy the file.
  const href = new URL('cookie-charter.css', import.meta.url).href;
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    if (link.href === href) return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  (document.head || document.documentElement).append(link);
}

/** Loads the first layer's wasm once. */
function loadFirstLayer() {
  loading ??= (async () => {
    linkStylesheet();
    await init({ module_or_path: new URL('cookie-charter_bg.wasm', import.meta.url) });
    return firstLayer;
  })();
  return loading;
}

/** Loads the Yew UI's module and wasm once. */
function loadUi() {
  ui ??= (async () => {
    linkStylesheet();
    const module = await import('./cookie-charter-ui.js');
    return module.load();
  })();
  return ui;
}

const TABLE = '[data-cookie-charter-table]';

/**
 * Starts the component: the Yew UI at once where the page shows the charter, else the first
 * layer. A tag in <head> may run before the page is parsed: the first layer starts at once (a
 * returning visitor's choice applies without waiting) and, if the parsed page turns out to show
 * the charter, hands over to the Yew UI, which renders it.
 */
async function startModule() {
  const parsed = document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
    : null;
  if (!parsed && document.querySelector(TABLE)) {
    const full = await loadUi();
    await (source.tag ? full.mountFromScript(source.tag) : full.mount(source.options));
    wasm = full;
    return;
  }
  const first = await loadFirstLayer();
  await (source.tag ? first.mountFromScript(source.tag, openFull) : first.mount(source.options, openFull));
  wasm = first;
  parsed?.then(() => document.querySelector(TABLE) && handOver(false));
}

/**
 * Loads the Yew UI (the banner stays meanwhile), stops the first layer and lets the Yew UI take
 * over, with the panel open when `openPanel`. If the UI cannot be loaded, the banner stays and
 * says nothing new was loaded.
 */
function handOver(openPanel) {
  handingOver ??= loadUi().then(async (full) => {
    firstLayer.unmount();
    wasm = full;
    await full.takeOver(source.tag, source.options, openPanel);
  }, (error) => {
    ui = null;
    handingOver = null;
    console.error('[cookie-charter] the preferences panel could not be loaded; the banner stays.', error);
  });
  return handingOver;
}

/** Called by the first layer when the visitor asks for the preferences panel. */
const openFull = () => handOver(true);

function failed(error) {
  console.error('[cookie-charter] the WebAssembly module could not be loaded; ' +
    'no banner is shown and nothing optional is loaded.', error);
  throw error;
}

function start(from) {
  const other = owner();
  if (other) {
    console.warn('[cookie-charter] already started on this page; the second start is ignored');
    return other.mounted;
  }
  if (!mounted) {
    source = from;
    mounted = startModule().catch(failed);
    window[REGISTRY] = { api, mounted };
  }
  return mounted;
}

/** The mounted component, or an error saying mount() comes first. */
function whenMounted() {
  if (!mounted) return Promise.reject(new Error('[cookie-charter] not mounted: call mount(options) first'));
  return mounted;
}

/** Resolves with the detail of the next change event. */
function nextChange() {
  return new Promise((resolve) => document.addEventListener(CHANGE, (e) => resolve(e.detail), { once: true }));
}

export function mount(options = {}) {
  if (owner()) return owner().api.mount(options);
  if (mounted) {
    console.warn('[cookie-charter] already started on this page; the second start is ignored');
    return mounted;
  }
  return start({ options });
}

export function getConsent() {
  if (owner()) return owner().api.getConsent();
  return wasm ? wasm.getConsent() : null;
}

export function getReceipt() {
  if (owner()) return owner().api.getReceipt();
  return wasm ? wasm.getReceipt() : null;
}

export async function showPreferences() {
  if (owner()) return owner().api.showPreferences();
  await whenMounted();
  if (wasm === firstLayer) return openFull();
  wasm.showPreferences();
}

export async function acceptAll() {
  if (owner()) return owner().api.acceptAll();
  await whenMounted();
  const change = nextChange();
  wasm.acceptAll();
  return change;
}

export async function refuseAll() {
  if (owner()) return owner().api.refuseAll();
  await whenMounted();
  const change = nextChange();
  wasm.refuseAll();
  return change;
}

export async function reset() {
  if (owner()) return owner().api.reset();
  await whenMounted();
  if (wasm.getConsent() === null) {
    wasm.reset(); // shows the banner again if it was closed; nothing to forget
    return;
  }
  const change = nextChange();
  wasm.reset();
  await change;
}

export function on(type, listener) {
  if (type !== 'change') throw new TypeError(`[cookie-charter] unknown event ${JSON.stringify(type)}; expected "change"`);
  const handler = (event) => listener(event.detail);
  document.addEventListener(CHANGE, handler);
  return () => document.removeEventListener(CHANGE, handler);
}

api = Object.freeze({ mount, getConsent, getReceipt, showPreferences, acceptAll, refuseAll, reset, on });
if (typeof window !== 'undefined' && !window.CookieCharter) window.CookieCharter = api;

const tag = ownScriptTag();
if (tag) start({ tag }).catch(() => {});
