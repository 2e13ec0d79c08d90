// Without WebAssembly (iOS Lockdown Mode removes it from the page): the same Rust first layer,
// compiled to JavaScript by wasm2js, is loaded instead — only then — and the banner, the
// refusal, the acceptance and the gate behave as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, openPage, audienceRequested, preferencesCookie, BANNER } from './browser.mjs';

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

test('without WebAssembly, a visitor who accepted can still withdraw: "Gérer mes cookies" brings the banner back', async () => {
  const { page, context, console: messages } = await withoutWebAssembly();
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge');
  await page.reload();
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.locator(BANNER).count(), 0);
  await page.click('text=Gérer mes cookies');
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.ok(messages.some((m) => m.type === 'error' && m.text.includes('the banner is shown instead')),
    JSON.stringify(messages));
  await page.click('[data-action=refuse-all]');
  await page.waitForSelector(BANNER, { state: 'detached' });
  assert.equal((await preferencesCookie(context)).json.c.audience, false, 'the withdrawal is stored');
  await context.close();
});
