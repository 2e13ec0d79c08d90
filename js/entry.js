// Entry point of dist/cookie-charter.js (bundled by esbuild with the first layer's wasm-bindgen
// glue; cookie-charter-nowasm.js is the same first layer as JavaScript, for browsers without
// WebAssembly).
//
// - With a <script type="module" src=".../cookie-charter.js" data-…> tag, it starts by itself
//   from that tag's attributes.
// - Imported from a bundler, it does nothing until `mount(options)` is called.
// It starts the first layer (the wasm carried in this file: the consent state and its effects,
// the banner and the preferences panel), which asks for the Yew UI (cookie-charter-ui.js, which
// carries its own wasm) to draw the charter page where a page has a place for it; this module
// loads it and passes on what the first layer hands over. The Yew UI's module is found next to
// this file. If anything fails, nothing optional is loaded. The API is also on
// `window.CookieCharter`; every consent rule is in the wasm.
import init, * as wasmFirstLayer from '../target/pkg/cookie-charter.js';
// The first layer's wasm is a file of its own, named by its content (see loadWasm); the
// banner's stylesheet and the French sentences travel inside this file (built by
// scripts/build.sh), so that the banner is drawn before the wasm has arrived.
import FRENCH_SENTENCES from '../target/pkg/cookie-charter-sentences-fr.txt';
import BANNER_CSS from '../target/pkg/cookie-charter.css';
import { applyStylesheet, wasmBytes } from './carried.js';
import { fetch_text as fetchText } from '../crates/web/src/fetch_text.js';
import { show_early_banner as showEarlyBanner, settle_early as settleEarly } from '../crates/page/src/widgets.js';

const here = import.meta.url;
const CHANGE = 'cookie-charter:change';
// Shared by every copy of this module on the page (two script tags with different URLs are two
// module instances): the first to start owns the page, the others forward to it.
const REGISTRY = Symbol.for('cookie-charter');

// Where this copy stands: `started` resolves once the first layer runs; `layer` is the first
// layer's functions once loaded (the wasm's, or where the browser has no WebAssembly, iOS
// Lockdown Mode, the same Rust compiled to JavaScript, loaded only then); `ui` is the Yew UI's
// module once asked for (a charter page); `reader` the charter reader's (a portal's own charter);
// `settings` the settings module's (why a setting is refused).
const phase = { started: null, layer: null, ui: null, reader: null, settings: null };
let api = null;

/** The API of another copy that already started on this page, if any. */
function owner() {
  const registered = typeof window !== 'undefined' ? window[REGISTRY] : undefined;
  return registered && registered.api !== api ? registered : null;
}

// The data attributes of the tag (tests/settings_names.rs keeps them equal to the wasm's).
const ATTRIBUTES = ['data-audience-src', 'data-policy-url', 'data-lang', 'data-consent-days',
  'data-cookie-domain', 'data-cookie-name', 'data-preset', 'data-charter', 'data-floating-button',
  'data-reload-on-withdraw', 'data-google-consent-mode', 'data-matomo', 'data-piano', 'data-receipt-url',
  'data-register-url', 'data-server-cookie', 'data-nonce'];

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

/**
 * Loads the Yew UI once (again after a failure): one module, which carries its wasm and its
 * stylesheet. Where the browser has no WebAssembly, the same UI compiled to JavaScript, and its
 * stylesheet linked from this folder.
 */
function loadUi() {
  phase.ui ??= (typeof WebAssembly === 'object'
    ? import('./cookie-charter-ui.js').then((module) => module.load())
    : import('./cookie-charter-ui-nowasm.js').then((module) => {
      applyStylesheet('', new URL('cookie-charter-ui.css', import.meta.url).href, true);
      return module;
    })
  ).catch((error) => {
    phase.ui = null;
    throw error;
  });
  return phase.ui;
}

/**
 * Loads the charter reader once (again after a failure): a portal's own charter is read and
 * checked by a module of its own, which a page on a built-in charter never loads. Where the
 * browser has no WebAssembly, the same reader compiled to JavaScript.
 */
function loadReader() {
  phase.reader ??= (typeof WebAssembly === 'object'
    ? import('./cookie-charter-reader.js').then((module) => module.load())
    : import('./cookie-charter-reader-nowasm.js')
  ).catch((error) => {
    phase.reader = null;
    throw error;
  });
  return phase.reader;
}

/**
 * The first layer's request for a portal's own charter: its `data-charter` `url`, or its inline
 * `json` (the other is null). The charter is fetched while the reader loads (started with this
 * module), then read, checked and, when it cannot be used, explained in the console by the
 * reader: `done([structure, json])`, or `done(null)` (the first layer then shows the default
 * charter, loading nothing optional).
 */
function readCharter(url, json, tag, done) {
  const text = url === null ? json : new Promise((answer) => fetchText(url, answer));
  Promise.all([text, loadReader()]).then(([answer, reader]) => done(reader.readCharter(url, answer, tag)), (error) => {
    console.error('[cookie-charter] the charter reader could not be loaded; showing the default charter and loading nothing optional.', error);
    done(null);
  });
}

/**
 * The first layer's word that a setting of `source` is refused (it is not applied): the
 * settings module, which only such a page loads, writes why in the console. Where the browser
 * has no WebAssembly, the same module compiled to JavaScript.
 */
function describeRefused(source) {
  phase.settings ??= typeof WebAssembly === 'object'
    ? import('./cookie-charter-settings.js').then((module) => module.load())
    : import('./cookie-charter-settings-nowasm.js');
  phase.settings.then((settings) => settings.describeSettings(source.tag ?? null, source.options)).catch((error) => {
    console.error('[cookie-charter] some settings are refused and not applied; why could not be loaded.', error);
  });
}

/** Whether the page gives its own charter: its reader is then fetched alongside the charter. */
function ownCharter(source) {
  return Boolean(given(source, 'data-charter', 'charter'))
    || document.querySelector('script[data-cookie-charter-config]') !== null;
}

/**
 * The built-in texts of the languages other than French (French is in the wasm): one small
 * module each, next to this file, loaded only by a page in that language.
 */
const LANGUAGES = {
  en: () => import('./cookie-charter-lang-en.js'),
  es: () => import('./cookie-charter-lang-es.js'),
  de: () => import('./cookie-charter-lang-de.js'),
  it: () => import('./cookie-charter-lang-it.js'),
  nl: () => import('./cookie-charter-lang-nl.js'),
  pt: () => import('./cookie-charter-lang-pt.js'),
};
const textsLoading = {};

/** The JSON of the texts in `tag` (loaded once; again after a failure). */
function loadTexts(tag) {
  if (!Object.hasOwn(LANGUAGES, tag)) return Promise.reject(new Error(`no texts in ${tag}`));
  textsLoading[tag] ??= LANGUAGES[tag]().then((module) => module.default, (error) => {
    delete textsLoading[tag];
    throw error;
  });
  return textsLoading[tag];
}

/**
 * The first layer's request for the texts of a language other than French: `done(json)`, or
 * `done(null)` if they cannot be loaded (the first layer then says so and shows French).
 */
function texts(tag, done) {
  loadTexts(tag).then(done, () => done(null));
}

/**
 * What the page gives a setting, before the first layer reads and checks it: the tag's data
 * attribute, or the `mount()` option. For the hints below only.
 */
function given(source, attribute, option) {
  return source.tag ? source.tag.getAttribute(attribute) : source.options?.[option];
}

/**
 * Starts loading the texts of `tag`, the language the page most likely shows (see
 * likelyLanguage), while the wasm starts; French is in the wasm. Only a head start: the first
 * layer decides the language and asks for its texts through `texts`.
 */
function loadLikelyTexts(tag) {
  if (tag !== 'fr') loadTexts(tag).catch(() => {});
}

/**
 * The language the page most likely shows: `data-lang` / the `lang` option, else `<html lang>`,
 * when it has built-in texts, else French. A hint (the first layer decides).
 */
function likelyLanguage(source) {
  const asked = given(source, 'data-lang', 'lang');
  const tag = String(asked || document.documentElement.lang || '').trim().split(/[-_]/)[0].toLowerCase();
  return Object.hasOwn(LANGUAGES, tag) ? tag : 'fr';
}

/** The first layer's request for the charter page: `{ texts, charter }` to draw. */
function tables(snapshot) {
  loadUi().then((ui) => ui.renderTables(snapshot), (error) => {
    console.error('[cookie-charter] the charter page could not be loaded.', error);
  });
}

// The choice cookie's name unless `data-cookie-name` renames it (tests/settings_names.rs keeps
// it equal to the wasm's).
const DEFAULT_COOKIE_NAME = 'cookies_preferences';

/**
 * Whether the page seems to hold a stored choice: a hint for when the first layer starts, never
 * for what it allows (it reads and checks the cookie itself). A wrong guess costs a task's delay,
 * nothing else.
 */
function choiceSeemsStored(source) {
  const asked = given(source, 'data-cookie-name', 'cookieName');
  const name = `${String(asked ?? '').trim() || DEFAULT_COOKIE_NAME}=`;
  try {
    return document.cookie.split(';').some((pair) => pair.trim().startsWith(name));
  } catch {
    return false; // a sandboxed page without cookies: no choice can be stored there
  }
}

/**
 * Starts the first layer from `source` ({ tag } or { options }); resolves to its functions.
 *
 * On a first visit in French (no choice seems stored), the banner is drawn at once, from this
 * file's sentences and stylesheet, and the wasm is fetched once it is on screen: the banner waits
 * for no other file. Its presses wait for the first layer, which adopts it (widgets.js) and
 * decides everything. Otherwise the wasm is fetched at once. Where the browser has no
 * WebAssembly, the same first layer compiled to JavaScript. The tools' defaults were pushed
 * before.
 */
function startFirstLayer(source) {
  const lang = likelyLanguage(source);
  loadLikelyTexts(lang);
  if (ownCharter(source)) loadReader().catch(() => {});
  if (typeof WebAssembly !== 'object') {
    return import('./cookie-charter-nowasm.js').then((layer) => mountLayer(layer, source));
  }
  const early = !choiceSeemsStored(source) && lang === 'fr';
  if (early) {
    styleBanner();
    const policy = String(given(source, 'data-policy-url', 'policyUrl') ?? '').trim() !== '';
    showEarlyBanner('fr', FRENCH_SENTENCES, policy, navigator.globalPrivacyControl === true);
  }
  return (early ? afterPaint() : Promise.resolve()).then(loadWasm).then(startWasm(source));
}

/** Resolves once the page has painted (or after 100 ms where it paints nothing: a hidden tab). */
function afterPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
}

/**
 * The first layer's wasm. Loaded from the shipped file (the one-tag embed): the file next to it
 * named by its content (scripts/build.sh puts its name and integrity in place of the
 * placeholders); a stored copy is always the right one, so it is taken from the browser's cache
 * without asking the server again (`force-cache`), and checked against its integrity. Merged
 * into an application's bundle, or where the file cannot be fetched (a `connect-src` that does
 * not allow it), the same bytes carried in a module of their own, which a bundler always keeps
 * as a chunk (it would not always copy the file: esbuild, Vite's dev server).
 */
function loadWasm() {
  const carried = () => import('./cookie-charter-wasm.js').then((module) => wasmBytes(module.default));
  if (!shippedFile()) return carried();
  const url = new URL('./@cookie-charter:wasm-file@', import.meta.url);
  return fetch(url, { cache: 'force-cache', integrity: '@cookie-charter:wasm-integrity@' })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .catch(carried);
}

/**
 * Whether this module is the shipped file itself, served from its folder: still named
 * cookie-charter*.js, and not pre-bundled by a dev server from node_modules.
 */
function shippedFile() {
  const path = new URL(import.meta.url).pathname;
  return path.split('/').pop().startsWith('cookie-charter') && !path.includes('/node_modules/');
}

/**
 * Compiles and instantiates the wasm's `bytes`, then mounts it, within the task in which they
 * arrived, not a later one: a returning visitor's audience script waits for no other task. V8
 * compiles each function at its first call, so the synchronous compilation itself is short.
 * Where the browser refuses it on the main thread (older Chromium, above a size limit),
 * asynchronously.
 */
function startWasm(source) {
  return (bytes) => {
    try {
      wasmFirstLayer.initSync({ module: bytes });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return init({ module_or_path: bytes }).then(() => mountLayer(wasmFirstLayer, source));
    }
    return mountLayer(wasmFirstLayer, source);
  };
}

/** Mounts `layer` (the wasm's functions or the JavaScript build's); resolves to it once started. */
function mountLayer(layer, source) {
  // Until it has started, the layer answers getConsent() and getReceipt() with null.
  phase.layer = layer;
  const mounted = layer.mount(source.tag ?? null, source.options, tables, texts, readCharter,
    () => describeRefused(source));
  // The banner's stylesheet is parsed once the start has run (a returning visitor's effects
  // do not wait for it), still within this task: the banner and the floating button are built
  // in a later one, and the browser draws nothing in between.
  styleBanner();
  return mounted.then(() => layer);
}

let styled = false;

/** Applies the banner's stylesheet, once. */
function styleBanner() {
  if (!styled) applyStylesheet(BANNER_CSS, new URL('cookie-charter.css', import.meta.url).href);
  styled = true;
}

function failed(error) {
  settleEarly(true);
  console.error('[cookie-charter] the WebAssembly module could not be loaded; ' +
    'no banner is shown and nothing optional is loaded.', error);
  throw error;
}

/** Whether the yes/no setting is on, read as the first layer reads it (core::config's flag). */
function flag(source, attribute, option) {
  const value = given(source, attribute, option);
  if (value === true) return true;
  if (typeof value !== 'string') return false;
  const text = value.trim().toLowerCase();
  return text === '' || text === 'true';
}

/**
 * The tools' consent defaults, pushed before this module gives the page's next script a chance
 * to run, whatever is stored and wherever the charter comes from: Google Consent Mode's
 * `default` (all denied), Matomo's `requireCookieConsent` (ahead of the page's own commands)
 * and Piano's `opt-out`. The first layer tells them the stored choice once it has read it
 * (web::integrations, which pushes the same defaults for a Rust application; the native tests
 * keep the two equal). A push the page's own code makes throw is reported; the start goes on.
 */
function pushDefaults(source) {
  const push = (tool, f) => {
    try {
      f();
    } catch (error) {
      console.warn(`[cookie-charter] ${tool} threw: its consent default was not set`, error);
    }
  };
  if (flag(source, 'data-google-consent-mode', 'googleConsentMode')) {
    push('window.dataLayer.push', () => {
      window.dataLayer = window.dataLayer || [];
      // gtag() pushes its `arguments` object, not an array: Google's tags expect exactly that.
      (function gtag() { window.dataLayer.push(arguments); })('consent', 'default', {
        analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied',
        ad_personalization: 'denied', wait_for_update: 500,
      });
    });
  }
  if (flag(source, 'data-matomo', 'matomo')) {
    push('window._paq.push', () => {
      const paq = (window._paq = window._paq || []);
      if (Array.isArray(paq)) paq.unshift(['requireCookieConsent']);
      else paq.push(['requireCookieConsent']);
    });
  }
  if (flag(source, 'data-piano', 'piano')) {
    push('window.pdl', () => {
      const pdl = (window.pdl = window.pdl || {});
      if (!pdl.requireConsent) pdl.requireConsent = true;
      pdl.consent = pdl.consent || {};
      pdl.consent.defaultPreset = { ...pdl.consent.defaultPreset, PA: 'opt-out' };
    });
  }
}

function start(source) {
  const other = owner();
  if (other) {
    console.warn('[cookie-charter] already started on this page; the second start is ignored');
    return other.mounted;
  }
  if (!phase.started) {
    pushDefaults(source);
    let settle;
    phase.started = new Promise((resolve) => { settle = resolve; }).catch(failed);
    window[REGISTRY] = { api, mounted: phase.started.then(() => {}) };
    // The first layer may start within this call (see startFirstLayer), so the page's code it
    // runs (a tool told the stored choice) already finds this copy started; whatever it throws
    // fails the start as a later failure does.
    try {
      settle(startFirstLayer(source));
    } catch (error) {
      settle(Promise.reject(error));
    }
  }
  return window[REGISTRY].mounted;
}

/** The started first layer, or an error saying mount() comes first. */
function started() {
  if (!phase.started) return Promise.reject(new Error('[cookie-charter] not mounted: call mount(options) first'));
  return phase.started;
}

export function mount(options = {}) {
  if (owner()) return owner().api.mount(options);
  if (phase.started) {
    console.warn('[cookie-charter] already started on this page; the second start is ignored');
    return window[REGISTRY].mounted;
  }
  return start({ options });
}

export function getConsent() {
  if (owner()) return owner().api.getConsent();
  return phase.layer ? phase.layer.getConsent() : null;
}

export function getReceipt() {
  if (owner()) return owner().api.getReceipt();
  return phase.layer ? phase.layer.getReceipt() : null;
}

export async function showPreferences() {
  if (owner()) return owner().api.showPreferences();
  (await started()).showPreferences();
}

export async function acceptAll() {
  if (owner()) return owner().api.acceptAll();
  return (await started()).acceptAll();
}

export async function refuseAll() {
  if (owner()) return owner().api.refuseAll();
  return (await started()).refuseAll();
}

export async function reset() {
  if (owner()) return owner().api.reset();
  (await started()).reset();
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
