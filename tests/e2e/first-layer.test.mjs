// The split between the first layer (every page: cookie-charter.js, which carries the banner's
// styles and sentences, and its wasm; no Yew: the consent state, its effects, the banner and the preferences
// panel) and the Yew UI (cookie-charter-ui.js, with its wasm: the charter page, on a page that
// has a place for it).
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, visit, BANNER, PANEL } from './browser.mjs';

const env = useDemoServer();

const UI_FILES = ['/cookie-charter/cookie-charter-ui.js'];
const uiRequested = (requests) => requests.some((url) => UI_FILES.includes(new URL(url).pathname));
const gpc = (context) => context.addInitScript(() => {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
});
const both = (...setups) => async (context) => { for (const setup of setups) await setup(context); };

for (const [name, setup] of [['plain', undefined], ['with Global Privacy Control', gpc]]) {
  test(`the first layer alone (${name}): its module and its wasm, the panel from "Personnaliser" with no other request, then the same banner again`, async () => {
    const { page, context, requests, console: messages } = await visit(env, '/', setup);
    await page.waitForSelector(BANNER, { state: 'visible' });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300); // an idle callback would have run
    const ours = requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith('/cookie-charter/'));
    assert.equal(ours.length, 2, `the first layer's module and its wasm, nothing fetched ahead: ${ours}`);
    assert.equal(ours[0], '/cookie-charter/cookie-charter.js');
    assert.match(ours[1], /^\/cookie-charter\/cookie-charter-[0-9a-f]{16}\.wasm$/);
    const firstLayerBanner = await page.locator('#cookie-charter').innerHTML();
    assert.match(firstLayerBanner, /cookie-charter__link/, 'the demo page has a charter link');
    await page.waitForFunction(() => document.activeElement?.className === 'cookie-charter__banner', null, { timeout: 2000 })
      .catch(() => assert.fail('the banner has focus'));

    const before = requests.length;
    await page.click('[data-action=customise]');
    await page.waitForSelector(PANEL, { state: 'visible' });
    assert.deepEqual(requests.slice(before), [], 'the panel needs no request');
    assert.equal(await page.locator('#cookie-charter').count(), 1, 'one consent UI on the page');
    assert.equal(await page.locator(BANNER).count(), 0, 'the panel replaces the banner');

    // Closing the panel without saving brings the same banner back.
    await page.keyboard.press('Escape');
    await page.waitForSelector(PANEL, { state: 'detached' });
    await page.waitForSelector(BANNER, { state: 'visible' });
    assert.equal(await page.locator('#cookie-charter').innerHTML(), firstLayerBanner, 'the same banner');
    assert.equal(uiRequested(requests), false, 'no Yew UI on a page without a charter table');

    const reported = messages.filter((m) => m.text.includes('[cookie-charter]')).map((m) => m.text);
    assert.equal(new Set(reported).size, reported.length, `no message twice: ${reported.join(' | ')}`);
    await context.close();
  });
}

test('"Personnaliser" shows the panel within the click\'s own task', async () => {
  const { page, context } = await visit(env, '/');
  await page.waitForSelector(BANNER, { state: 'visible' });
  const shown = await page.evaluate(() => {
    document.querySelector('[data-action=customise]').click();
    return document.querySelector('dialog.cookie-charter__panel')?.open === true;
  });
  assert.equal(shown, true, 'the panel is open when the click returns: nothing to load first');
  await context.close();
});

test('accepting on the first layer, then another page: the audience script runs and Yew is not loaded there', async () => {
  const { page, context, requests } = await visit(env, '/');
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  requests.length = 0;
  await page.goto(env.server.url + '/?page=2');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator(BANNER).count(), 0);
  assert.equal(await page.evaluate(() => window.__audienceRuns), 1, 'once on the second page');
  assert.equal(uiRequested(requests), false);
  await context.close();
});

// Whether the audience script was in the page when DOMContentLoaded fired, that is, when the
// module scripts had been evaluated and before any later task ran.
const audienceAtDomContentLoaded = (context) => context.addInitScript(() => {
  document.addEventListener('DOMContentLoaded', () => {
    window.__audienceAtDomContentLoaded = document.querySelector('script[src$="/stub-audience.js"]') !== null;
  });
});

test('where the browser refuses to compile the wasm on its main thread (older Chromium, over 4 KB), it is compiled asynchronously: same banner, same effects', async () => {
  const refuseSyncCompile = (context) => context.addInitScript(() => {
    const Module = WebAssembly.Module;
    window.__syncCompileRefused = 0;
    WebAssembly.Module = function RefusingModule() {
      window.__syncCompileRefused += 1;
      throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.');
    };
    WebAssembly.Module.prototype = Module.prototype;
  });
  const { page, context, console: messages } = await visit(env, '/', both(refuseSyncCompile, audienceAtDomContentLoaded));
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await page.evaluate(() => window.__syncCompileRefused), 1, 'the synchronous compilation was tried once');
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  await page.goto(env.server.url + '/?page=2');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  assert.equal(await page.evaluate(() => window.__audienceAtDomContentLoaded), false,
    'the asynchronous path starts after DOMContentLoaded');
  assert.equal(await page.locator(BANNER).count(), 0);
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'pageerror');
  assert.deepEqual(errors, [], 'no error: the fallback is silent');
  await context.close();
});

test('a page with the charter table gets it from the Yew UI; showPreferences() opens the panel on the stored choice with no Yew', async () => {
  const { page, context, requests } = await visit(env, '/charte-cookies.html');
  await page.waitForSelector('[data-cookie-charter-table] table');
  assert.equal(uiRequested(requests), true);
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await page.locator('#cookie-charter').count(), 1, 'one consent UI');
  await context.close();

  const api = await visit(env, '/fixtures/api.html');
  await api.page.evaluate(() => window.CookieCharter.refuseAll());
  await api.page.evaluate(() => window.CookieCharter.showPreferences());
  await api.page.waitForSelector(PANEL, { state: 'visible' });
  assert.equal(uiRequested(api.requests), false, 'the panel is the first layer\'s');
  assert.equal(await api.page.getByRole('switch', { name: "Mesure d'audience" }).isChecked(), false, 'the stored refusal');
  await api.context.close();
});

test('a fetched charter is fetched once and reported once: one charter request, one set of messages', async () => {
  const charter = readFileSync(new URL('../../crates/core/src/presets/default.json', import.meta.url), 'utf8');
  const serve = (context) => context.route('**/fixtures/charter.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: charter }));
  const { page, context, requests, console: messages } = await visit(env, '/fixtures/custom-charter.html', serve);
  await page.waitForSelector(BANNER, { state: 'visible' });
  const charterRequests = () => requests.filter((u) => new URL(u).pathname.endsWith('.json')).length;
  assert.equal(charterRequests(), 1);
  await page.click('[data-action=customise]');
  await page.waitForSelector(PANEL, { state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(charterRequests(), 1, 'the panel does not fetch the charter again');
  const reported = messages.filter((m) => m.text.includes('[cookie-charter]')).map((m) => m.text);
  assert.equal(new Set(reported).size, reported.length, `no message twice: ${reported.join(' | ')}`);
  await context.close();
});
