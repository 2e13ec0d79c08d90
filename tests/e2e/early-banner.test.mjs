// The banner a first visit sees before the first layer's wasm has arrived: drawn by the entry
// module (cookie-charter.js) from its own sentences and stylesheet, then adopted by the first
// layer, which decides everything. A press made meanwhile waits for it; without it, nothing
// optional loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, openPage, consoleMessage, audienceRequested, preferencesCookie, BANNER, PANEL } from './browser.mjs';

const env = useDemoServer();
const WASM = /\/cookie-charter\/cookie-charter-[0-9a-f]{16}\.wasm$/;

const CARRIED = /\/cookie-charter\/cookie-charter-wasm\.js$/;

/**
 * Opens `path` with the first layer's wasm held back until `release()` (or `release('abort')`),
 * and with the requests matching `refused` failing.
 */
async function openHeld(path, refused = []) {
  const tab = await openPage(env.browser);
  for (const url of refused) await tab.context.route(url, (route) => route.abort());
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const held = [];
  await tab.context.route(WASM, async (route) => {
    held.push(route.request().url());
    if ((await released) === 'abort') await route.abort();
    else await route.continue();
  });
  await tab.page.goto(env.server.url + path);
  return { ...tab, held, release };
}

/** Waits until the first layer has started (or failed to). */
const started = (page) => page.evaluate(() => window[Symbol.for('cookie-charter')].mounted.catch(() => {}));

test('a first visit\'s banner shows before the wasm has arrived, and a press made meanwhile is applied by the first layer once it has', async () => {
  const { page, context, requests, held, release } = await openHeld('/');
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.className === 'cookie-charter__banner');
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent()), null, 'the first layer has not started');
  assert.equal(await page.locator('.cookie-charter__link').getAttribute('href'), null,
    'the charter link has no target until the first layer has checked data-policy-url');
  for (let i = 0; held.length === 0 && i < 100; i++) await page.waitForTimeout(20);
  assert.equal(held.length, 1, 'the wasm is asked for once the banner is on screen');

  await page.click('[data-action=accept-all]');
  assert.equal(await page.locator(BANNER).getAttribute('aria-busy'), 'true', 'the press is seen');
  await page.click('[data-action=refuse-all]');
  await page.waitForTimeout(300);
  assert.equal(audienceRequested(requests), false, 'nothing optional before the first layer decides');
  assert.equal(await preferencesCookie(context), null, 'nothing stored before the first layer decides');

  release();
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  assert.equal((await preferencesCookie(context)).json.c.audience, true, 'the first press counts, the second is ignored');
  assert.equal(await page.locator(BANNER).count(), 0);
  await context.close();
});

test('the first layer adopts the banner drawn early: the same element, its charter link checked, its buttons its own', async () => {
  const { page, context, release } = await openHeld('/');
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.evaluate(() => { window.__early = document.querySelector('.cookie-charter__banner'); });
  release();
  await started(page);
  assert.equal(await page.evaluate(() => document.querySelector('.cookie-charter__banner') === window.__early), true,
    'not drawn a second time');
  assert.equal(await page.locator('#cookie-charter').count(), 1, 'one consent UI');
  assert.equal(await page.locator('.cookie-charter__link').getAttribute('href'), '/charte-cookies.html');
  await page.click('[data-action=customise]');
  await page.waitForSelector(PANEL, { state: 'visible' });
  await page.keyboard.press('Escape');
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('[data-action=refuse-all]');
  await page.waitForSelector(BANNER, { state: 'detached' });
  assert.equal((await preferencesCookie(context)).json.c.audience, false);
  await context.close();
});

test('"Personnaliser" pressed before the wasm has arrived opens the panel once it has', async () => {
  const { page, context, release } = await openHeld('/');
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('[data-action=customise]');
  release();
  await page.waitForSelector(PANEL, { state: 'visible' });
  assert.equal(await page.locator(BANNER).count(), 0, 'the panel replaces the banner');
  await context.close();
});

test('a wasm that cannot be fetched is taken from the module that carries it: the same banner, adopted', async () => {
  const { page, context, requests, release } = await openHeld('/');
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.evaluate(() => { window.__early = document.querySelector('.cookie-charter__banner'); });
  release('abort');
  await started(page);
  assert.ok(requests.some((url) => CARRIED.test(url)), 'the carried wasm was loaded');
  assert.equal(await page.evaluate(() => document.querySelector('.cookie-charter__banner') === window.__early), true);
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  await context.close();
});

test('a wasm that cannot be loaded at all takes the banner drawn early away: no choice can be made, nothing optional loads', async () => {
  const { page, context, requests, console: messages, release } = await openHeld('/', [CARRIED]);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('[data-action=accept-all]');
  release('abort');
  await page.waitForSelector('#cookie-charter', { state: 'detached' });
  await consoleMessage(page, messages, 'error', '[cookie-charter] the WebAssembly module could not be loaded');
  assert.equal(audienceRequested(requests), false);
  assert.equal(await preferencesCookie(context), null);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('cookie-charter-banner-open')), false);
  await context.close();
});

test('a banner drawn early that is not the first layer\'s (a refused data-policy-url) is replaced by it', async () => {
  const { page, context, release } = await openHeld('/fixtures/bad-config.html');
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await page.locator('.cookie-charter__link').count(), 1, 'drawn early with a link to check');
  await page.evaluate(() => { window.__early = document.querySelector('.cookie-charter__banner'); });
  release();
  await started(page);
  await page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await page.evaluate(() => document.querySelector('.cookie-charter__banner') === window.__early), false);
  assert.equal(await page.locator('.cookie-charter__link').count(), 0, 'no link to a refused URL');
  assert.equal(await page.locator('#cookie-charter').count(), 1, 'one consent UI');
  await context.close();
});

test('no banner is drawn early where one is not likely: a stored choice, a page in another language', async () => {
  // Whether a banner was ever in the page.
  const watch = (context) => context.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('.cookie-charter__banner')) window.__bannerSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
  const { page, context, release } = await openHeld('/');
  release();
  await page.click('[data-action=refuse-all]');
  await page.waitForSelector(BANNER, { state: 'detached' });
  await watch(context);
  await page.goto(`${env.server.url}/?page=2`);
  await started(page);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__bannerSeen ?? false), false, 'no banner flashes for a returning visitor');
  await context.close();

  const english = await openHeld('/fixtures/english.html');
  await english.page.waitForTimeout(500);
  assert.equal(await english.page.locator(BANNER).count(), 0, 'an English page waits for its texts');
  english.release();
  await english.page.waitForSelector(BANNER, { state: 'visible' });
  assert.equal(await english.page.locator('[data-action=accept-all]').textContent(), 'Accept all');
  await english.context.close();
});

// A portal whose server has every reuse revalidated (Cache-Control: no-cache, ETag): the wasm,
// named by its content, is still taken from the cache as it is.
const revalidating = useDemoServer({}, {}, { caching: 'revalidate' });

test('a returning visitor\'s wasm comes from the browser\'s cache without a request, where the server asks for revalidation', async () => {
  const { page, context } = await openPage(revalidating.browser);
  await page.goto(`${revalidating.server.url}/`);
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  await page.goto(`${revalidating.server.url}/?page=2`);
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  const transferred = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
    .filter((r) => r.name.includes('/cookie-charter/cookie-charter')).map((r) => [new URL(r.name).pathname, r.transferSize])));
  const wasm = Object.keys(transferred).find((path) => WASM.test(path));
  assert.ok(wasm, `the wasm was loaded: ${JSON.stringify(transferred)}`);
  assert.equal(transferred[wasm], 0, 'no request for the wasm');
  assert.ok(transferred['/cookie-charter/cookie-charter.js'] > 0, 'the module itself is revalidated (304)');
  await context.close();
});
