// The split between the first layer (every page: cookie-charter.js, which carries its wasm and
// the banner's styles; no Yew: the consent state, its effects and the one banner) and the Yew UI
// (cookie-charter-ui.js, with its wasm, on demand: it draws the panel and the
// charter page from what the first layer hands over).
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
// A visitor who asked to save data: the Yew UI is not loaded in idle time, only when needed.
const saveData = (context) => context.addInitScript(() => {
  Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true }) });
});
const both = (...setups) => async (context) => { for (const setup of setups) await setup(context); };

for (const [name, setup] of [['plain', saveData], ['with Global Privacy Control', both(saveData, gpc)]]) {
  test(`first layer then Yew UI (${name}, saving data): no Yew until "Personnaliser", then the panel, then the same banner again`, async () => {
    const { page, context, requests, console: messages } = await visit(env, '/', setup);
    await page.waitForSelector(BANNER, { state: 'visible' });
    await page.waitForLoadState('networkidle');
    assert.equal(uiRequested(requests), false, 'a first visit loads no Yew UI');
    const ours = requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith('/cookie-charter/'));
    assert.deepEqual(ours, ['/cookie-charter/cookie-charter.js'], 'the first layer is one request');
    const firstLayerBanner = await page.locator('#cookie-charter').innerHTML();
    assert.match(firstLayerBanner, /cookie-charter__link/, 'the demo page has a charter link');
    await page.waitForFunction(() => document.activeElement?.className === 'cookie-charter__banner', null, { timeout: 2000 })
      .catch(() => assert.fail('the banner has focus'));

    await page.click('[data-action=customise]');
    await page.waitForSelector(PANEL, { state: 'visible' });
    assert.equal(uiRequested(requests), true, 'the Yew UI is loaded for the panel');
    assert.equal(await page.locator('#cookie-charter').count(), 1, 'one consent UI on the page');
    assert.equal(await page.locator(BANNER).count(), 0, 'the panel replaces the banner');

    // Closing the panel without saving brings the banner back: the one banner, whoever drew the panel.
    await page.keyboard.press('Escape');
    await page.waitForSelector(PANEL, { state: 'detached' });
    await page.waitForSelector(BANNER, { state: 'visible' });
    const again = await page.locator('#cookie-charter').innerHTML();
    assert.equal(again.replace(/<div><\/div>/, ''), firstLayerBanner.replace(/<div><\/div>/, ''),
      'the same banner, the empty panel host aside');

    // Reported once, by the first layer: the Yew UI checks nothing again.
    const reported = messages.filter((m) => m.text.includes('[cookie-charter]')).map((m) => m.text);
    assert.equal(new Set(reported).size, reported.length, `no message twice: ${reported.join(' | ')}`);
    await context.close();
  });
}

test('while the banner waits, the Yew UI is loaded once the page has loaded; "Personnaliser" then opens the panel with no new request', async () => {
  const { page, context, requests } = await visit(env, '/');
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.waitForLoadState('load');
  const loadedAt = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  await page.waitForFunction((files) => performance.getEntriesByType('resource').filter((e) => files.some((f) => e.name.endsWith(f))).length === files.length,
    UI_FILES);
  const startedAt = await page.evaluate((files) => Math.min(...performance.getEntriesByType('resource')
    .filter((e) => files.some((f) => e.name.endsWith(f))).map((e) => e.startTime)), UI_FILES);
  assert.ok(startedAt >= loadedAt, `the Yew UI was requested at ${startedAt} ms, after the page's load event (${loadedAt} ms)`);
  await page.waitForLoadState('networkidle');
  const before = requests.length;
  await page.click('[data-action=customise]');
  await page.waitForSelector(PANEL, { state: 'visible' });
  assert.deepEqual(requests.slice(before), [], 'the panel needs no new request');
  await context.close();
});

test('where no banner asks (a charter with nothing optional), the Yew UI is not loaded ahead', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/nothing-optional.html');
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300); // an idle callback would have run
  assert.equal(await page.locator(BANNER).count(), 0);
  assert.equal(uiRequested(requests), false);
  await context.close();
});

test('"Personnaliser" answers at once: a status line until the Yew UI draws the panel', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const slowUi = async (context) => {
    await saveData(context);
    await context.route('**/cookie-charter-ui.js', async (route) => { await held; await route.continue(); });
  };
  const { page, context } = await visit(env, '/', slowUi);
  await page.click('[data-action=customise]');
  const status = page.getByRole('status');
  await status.waitFor({ state: 'visible' });
  assert.equal((await status.textContent()).trim(), 'Chargement de vos préférences…');
  assert.equal(await page.locator(PANEL).count(), 0, 'the panel is still loading');
  release();
  await page.waitForSelector(PANEL, { state: 'visible' });
  assert.equal(await page.locator('.cookie-charter__loading').count(), 0, 'the status line is gone');
  await page.keyboard.press('Escape');
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await page.locator('.cookie-charter__loading').count(), 0);
  await context.close();
});

test('with the Yew UI already loaded, "Personnaliser" still puts the status line on screen for a frame before the panel', async () => {
  const { page, context } = await visit(env, '/');
  // A first opening and closing: the Yew UI is then loaded and has drawn the panel once.
  await page.click('[data-action=customise]');
  await page.waitForSelector(PANEL, { state: 'visible' });
  await page.keyboard.press('Escape');
  await page.waitForSelector(BANNER, { state: 'visible' });
  const seen = await page.evaluate(async () => {
    const now = () => ({
      panel: document.querySelector('dialog.cookie-charter__panel') !== null,
      status: document.querySelector('.cookie-charter__loading') !== null,
    });
    document.querySelector('[data-action=customise]').click();
    // The click's own task ends after its promise callbacks; the next frame is what is painted.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const afterTask = now();
    const firstFrame = await new Promise((resolve) => requestAnimationFrame(() => resolve(now())));
    return { afterTask, firstFrame };
  });
  assert.deepEqual(seen.afterTask, { panel: false, status: true }, 'the click\'s task leaves the status line, not the panel');
  assert.deepEqual(seen.firstFrame, { panel: false, status: true }, 'the first frame after the click shows the status line');
  await page.waitForSelector(PANEL, { state: 'visible' });
  assert.equal(await page.locator('.cookie-charter__loading').count(), 0, 'the panel replaced the status line');
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

test('a returning visitor\'s audience script is added while cookie-charter.js is evaluated, before DOMContentLoaded', async () => {
  const { page, context } = await visit(env, '/');
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  await audienceAtDomContentLoaded(context);
  await page.goto(env.server.url + '/?page=2');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  assert.equal(await page.evaluate(() => window.__audienceAtDomContentLoaded), true,
    'the wasm is compiled and started within the module\'s own task, not after a later one');
  await context.close();
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

test('a page with the charter table gets it from the Yew UI; showPreferences() opens the panel on the stored choice', async () => {
  const { page, context, requests } = await visit(env, '/charte-cookies.html');
  await page.waitForSelector('[data-cookie-charter-table] table');
  assert.equal(uiRequested(requests), true);
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await page.locator('#cookie-charter').count(), 1, 'one consent UI');
  await context.close();

  const api = await visit(env, '/fixtures/api.html', saveData);
  await api.page.evaluate(() => window.CookieCharter.refuseAll());
  assert.equal(uiRequested(api.requests), false, 'refusing through the API needs no Yew UI');
  await api.page.evaluate(() => window.CookieCharter.showPreferences());
  await api.page.waitForSelector(PANEL, { state: 'visible' });
  assert.equal(uiRequested(api.requests), true);
  assert.equal(await api.page.getByRole('switch', { name: "Mesure d'audience" }).isChecked(), false, 'the stored refusal');
  await api.context.close();
});

test('the Yew UI reads, fetches and checks nothing again: one charter request, one set of messages', async () => {
  const charter = readFileSync(new URL('../../src/core/presets/default.json', import.meta.url), 'utf8');
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
