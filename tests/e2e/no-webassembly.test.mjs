// Without WebAssembly (iOS Lockdown Mode removes it from the page): the same Rust first layer,
// compiled to JavaScript by wasm2js, is loaded instead — only then — and the banner, the
// refusal, the acceptance and the gate behave as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, openPage, consoleMessage, audienceRequested, preferencesCookie, BANNER, PANEL } from './browser.mjs';

const env = useDemoServer();

const FALLBACK = '/cookie-charter/cookie-charter-nowasm.js';
const fetched = (requests, path) => requests.some((url) => new URL(url).pathname === path);

/** A fresh page on which `WebAssembly` does not exist. */
async function withoutWebAssembly() {
  const tab = await openPage(env.browser);
  await tab.context.addInitScript(() => { delete globalThis.WebAssembly; });
  return tab;
}

test('without WebAssembly: the JavaScript first layer shows the banner and requests nothing optional; refusing is stored and kept', async () => {
  const { page, context, requests } = await withoutWebAssembly();
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');
  assert.ok(fetched(requests, FALLBACK), 'the JavaScript first layer is loaded');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await page.click('[data-action=refuse-all]');
  await page.waitForSelector(BANNER, { state: 'detached' });
  assert.equal((await preferencesCookie(context)).json.c.audience, false);
  await page.reload();
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator(BANNER).count(), 0);
  assert.equal(audienceRequested(requests), false);
  await context.close();
});

test('without WebAssembly: accepting loads the audience script once, and again on the next page', async () => {
  const { page, context } = await withoutWebAssembly();
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  const accepted = await page.evaluate(() => window.CookieCharter.acceptAll());
  assert.equal(accepted.audience, true);
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.evaluate(() => window.__audienceRuns), 1);
  await page.goto(`${env.server.url}/?page=2`);
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.evaluate(() => window.__audienceRuns), 1);
  await context.close();
});

test('with WebAssembly, the JavaScript first layer is never requested', async () => {
  const { page, context, requests } = await openPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge');
  await page.waitForLoadState('networkidle');
  assert.ok(fetched(requests, '/cookie-charter/cookie-charter.js'));
  assert.ok(!fetched(requests, FALLBACK));
  await context.close();
});

test('without WebAssembly, the panel opens too: a visitor who accepted withdraws in detail', async () => {
  const { page, context, console: messages } = await withoutWebAssembly();
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge');
  await page.reload();
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.locator(BANNER).count(), 0);
  await page.click('text=Gérer mes cookies');
  await page.waitForSelector(PANEL, { state: 'visible' });
  const audience = page.getByRole('switch', { name: "Mesure d'audience" });
  assert.equal(await audience.isChecked(), true, 'the stored acceptance');
  await audience.uncheck();
  await page.click(`${PANEL} [data-action=save]`);
  await page.waitForSelector(PANEL, { state: 'detached' });
  assert.equal((await preferencesCookie(context)).json.c.audience, false, 'the withdrawal is stored');
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'pageerror');
  assert.deepEqual(errors, [], 'nothing failed');
  await context.close();
});

test('without WebAssembly, the charter page shows its table and a portal\'s own charter is read', async () => {
  const { page, context, requests, console: messages } = await withoutWebAssembly();
  await page.goto(`${env.server.url}/charte-cookies.html`);
  await page.waitForSelector('[data-cookie-charter-table] table');
  assert.ok(await page.locator('[data-cookie-charter-table] tr.cookie-charter__row').count() > 3);
  assert.ok(fetched(requests, '/cookie-charter/cookie-charter-ui-nowasm.js'), 'the charter page as JavaScript');
  await context.close();

  const own = await withoutWebAssembly();
  await own.page.goto(`${env.server.url}/fixtures/inline-charter.html`);
  await own.page.waitForSelector(BANNER, { state: 'visible' });
  assert.ok(fetched(own.requests, '/cookie-charter/cookie-charter-reader-nowasm.js'), 'the charter reader as JavaScript');
  await own.page.click('[data-action=customise]');
  await own.page.waitForSelector(PANEL, { state: 'visible' });
  const errors = [...messages, ...own.console]
    .filter((m) => m.type === 'pageerror' || (m.type === 'error' && m.text.includes('[cookie-charter]')));
  assert.deepEqual(errors, [], 'nothing failed');
  await own.context.close();
});

test('without WebAssembly, refused settings are refused and their reasons written, by the settings module as JavaScript', async () => {
  const { page, context, requests, console: messages } = await withoutWebAssembly();
  await page.goto(`${env.server.url}/fixtures/bad-config.html`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await consoleMessage(page, messages, 'error', '[cookie-charter] data-consent-days="1000"');
  assert.ok(fetched(requests, '/cookie-charter/cookie-charter-settings-nowasm.js'), 'the settings module as JavaScript');
  await page.click('[data-action=accept-all]');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false, 'the refused javascript: audience URL loads nothing');
  await context.close();
});
