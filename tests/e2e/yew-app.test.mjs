// A Rust application that renders the CookieCharter component (examples/yew-app, built by
// scripts/example-yew.sh), served under the strict CSP: the same start-up as the script tag
// (stored choice, Global Privacy Control, Consent Mode and Matomo at page load, the audience
// script only after opt-in), the panel drawn by the same wasm, and the application told of each
// change through on_change and cookie_charter::choice().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP } from '../../scripts/serve.mjs';
import { useDemoServer, openPage, audienceRequested, preferencesCookie, BANNER as banner, PANEL as panel } from './browser.mjs';

const built = fileURLToPath(new URL('../../examples/yew-app/dist/', import.meta.url));
const env = useDemoServer({ '/yew-app/': built }, { '/yew-app/': { 'Content-Security-Policy': STRICT_CSP } });

/** The page's own tag snippets, before anything runs: Matomo's queue and gtag's dataLayer. */
const tagSnippets = (context) => context.addInitScript(() => {
  window._paq = [['trackPageView']];
  window.dataLayer = [];
});
const recorded = (page) => page.evaluate(() => ({
  consent: window.dataLayer.map((entry) => [entry[1], entry[2].analytics_storage]),
  paq: window._paq.map((entry) => entry[0]),
}));

/** Opens the app in a fresh context; `setup(context)` first. */
async function openApp(setup) {
  assert.ok(existsSync(`${built}/index.html`), 'examples/yew-app/dist is missing: run scripts/example-yew.sh');
  const tab = await openPage(env.browser);
  await tagSnippets(tab.context);
  if (setup) await setup(tab.context);
  await tab.page.goto(`${env.server.url}/yew-app/`);
  await tab.page.waitForSelector('#audience');
  const missing = [];
  tab.page.on('response', (r) => { if (r.status() >= 400) missing.push(r.url()); });
  const errors = () => tab.console.filter((m) => m.type === 'error' || m.type === 'pageerror' || m.text.includes('[cookie-charter]'));
  return { ...tab, errors, missing };
}

test('Yew app: banner styled, nothing optional before consent, the panel at once, on_change told', async () => {
  const { page, context, requests, errors, missing } = await openApp();
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.cookie-charter__banner')).position), 'fixed',
    'the component applied its styles (constructed stylesheets, allowed by the strict CSP)');
  assert.deepEqual(await recorded(page), { consent: [['default', 'denied']], paq: ['requireCookieConsent', 'trackPageView'] },
    'Consent Mode and Matomo told at page load, before any choice');
  assert.equal(await page.locator('#audience').textContent(), 'aucun choix');
  assert.equal(await page.locator('#changes').textContent(), '1', 'on_change told the choice read at start');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  const wasmFiles = requests.filter((u) => u.endsWith('.wasm'));
  assert.equal(wasmFiles.length, 1, 'one wasm: the application with the banner and the panel');

  await page.click(`${banner} >> text=Personnaliser`);
  await page.waitForSelector(panel, { state: 'visible' });
  assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1, 'the panel needed no other file');
  await page.click(`${panel} input[type=checkbox]:not([disabled])`);
  await page.click(`${panel} [data-action=save]`);
  await page.waitForFunction(() => window.__audienceRuns === 1);
  assert.equal(await page.locator('#audience').textContent(), "mesure d'audience acceptée");
  assert.equal(await page.locator('#changes').textContent(), '2');
  assert.equal((await preferencesCookie(context)).json.c.audience, true, 'the choice is stored in cookies_preferences');
  assert.deepEqual((await recorded(page)).consent.at(-1), ['update', 'granted']);
  assert.deepEqual(missing, []);
  assert.deepEqual(errors(), []);
  await context.close();
});

test('Yew app, returning visitor: the stored choice is read at start, the audience script runs without a banner', async () => {
  const { page, context } = await openApp();
  await page.waitForSelector(banner, { state: 'visible' });
  await page.click(`${banner} >> text=Tout accepter`);
  await page.waitForFunction(() => window.__audienceRuns === 1);
  await page.reload();
  await page.waitForFunction(() => window.__audienceRuns === 1);
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  assert.equal(await page.locator(banner).count(), 0, 'no banner for a stored choice');
  assert.equal(await page.locator('#audience').textContent(), "mesure d'audience acceptée", 'choice() read at start');
  assert.deepEqual((await recorded(page)).paq, ['requireCookieConsent', 'trackPageView', 'setCookieConsentGiven']);

  await page.click('#manage');
  await page.waitForSelector(panel, { state: 'visible' });
  await page.click(`${panel} [data-action=refuse-all]`);
  await page.waitForSelector(panel, { state: 'detached' });
  assert.equal(await page.locator('#audience').textContent(), "mesure d'audience refusée");
  assert.equal(await page.locator('#changes').textContent(), '2');
  assert.equal((await recorded(page)).paq.at(-1), 'forgetCookieConsentGiven');
  assert.equal((await context.cookies()).some((c) => c.name.startsWith('_pk_')), false, 'withdrawal erased the audience cookies');
  await context.close();
});

test('Yew app: the crate adds no JavaScript export of its own to the application\'s glue', async () => {
  const glue = await (await fetch(`${env.server.url}/yew-app/pkg/yew-app.js`)).text();
  // What the shipped first layer's glue has (export function mount…) the application's has not.
  const exported = [...glue.matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual(exported, [], 'the JS API (mount, showPanel, getConsent…) is declared by the bundle crates only');
  assert.deepEqual([...glue.matchAll(/^export \{([^}]*)\}/gm)].map((m) => m[1].trim()), ['initSync, __wbg_init as default'],
    'only wasm-bindgen\'s own start functions');
  for (const name of ['mountFromScript', 'showPanel', 'renderTables', 'getConsent', 'bannerAsks']) {
    assert.equal(glue.includes(name), false, name);
  }
});

test('Yew app with Global Privacy Control: the banner says so, and nothing optional loads', async () => {
  const { page, context, requests } = await openApp((c) => c.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
  }));
  await page.waitForSelector(`${banner} [data-notice=gpc]`, { state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await context.close();
});
