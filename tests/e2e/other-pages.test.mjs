// A choice made on another page reaches this one: the back/forward cache (a page restored with
// `pageshow.persisted`) and the portal's other open tabs. Chromium runs here with the
// back/forward cache on (Playwright turns it off by default).
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, openPage, BANNER, FIXTURES } from './browser.mjs';

/**
 * Serves a fixture page as a portal does, cacheable (`no-cache`): the demo server's
 * `no-store` would keep pages out of the back/forward cache.
 */
const cacheable = (file) => (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(readFileSync(FIXTURES + file));
};

const env = useDemoServer({}, {}, {
  ignoreDefaultArgs: ['--disable-back-forward-cache'],
  handlers: {
    '/bfcache/plain.html': cacheable('plain.html'),
    '/bfcache/withdraw-reload.html': cacheable('withdraw-reload.html'),
  },
});

/** Records on each page whether it was restored from the back/forward cache (and, for the
 * tab, whether any page was). */
const recordRestores = (context) => context.addInitScript(() => {
  window.addEventListener('pageshow', (event) => {
    window.__restored = event.persisted;
    if (event.persisted) sessionStorage.setItem('restored', 'yes');
  });
});

async function open(page, path) {
  await page.goto(env.server.url + path);
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
}

test('back to a page left with its banner open after accepting on the next page: the banner closes and the audience script loads there', async () => {
  const { page, context } = await openPage(env.browser);
  await recordRestores(context);
  await open(page, '/bfcache/plain.html?page=a');
  await page.waitForSelector(BANNER, { state: 'visible' });
  await open(page, '/bfcache/plain.html?page=b');
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge');

  // A page restored from the back/forward cache fires no `load`: wait for the commit only.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => window.__restored !== undefined);
  assert.equal(await page.evaluate(() => window.__restored), true,
    'page A comes back from the back/forward cache (if not, the test cannot show anything)');
  await page.waitForSelector(BANNER, { state: 'detached' });
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().audience), true);
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.evaluate(() => window.__audienceRuns), 1, 'loaded once on A');

  // Its "Tout refuser" is gone: it cannot overwrite B's acceptance.
  const stored = (await context.cookies()).find((c) => c.name === 'cookies_preferences');
  assert.equal(JSON.parse(decodeURIComponent(stored.value)).c.audience, true);
  await context.close();
});

test('back to a page whose audience script runs, after a withdrawal on the next page: with data-reload-on-withdraw it reloads, and loads nothing', async () => {
  const { page, context } = await openPage(env.browser);
  await recordRestores(context);
  await open(page, '/bfcache/withdraw-reload.html?page=a');
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge');
  await open(page, '/bfcache/withdraw-reload.html?page=b');
  const reloaded = page.waitForEvent('load');
  await page.evaluate(() => window.CookieCharter.refuseAll());
  await reloaded;

  const restoredThenReloaded = page.waitForEvent('load');
  await page.goBack();
  await restoredThenReloaded;
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('restored')), 'yes',
    'A came back from the back/forward cache (if not, the test cannot show anything)');
  assert.equal(await page.evaluate(() => window.__restored), false, 'then A was reloaded, not left as it was');
  assert.equal(await page.evaluate(() => window.__audienceRuns ?? 0), 0, 'no audience script after the reload');
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().audience), false);
  await context.close();
});

test('another tab of the portal: its banner closes when the visitor accepts here, and a withdrawal here reaches it', async () => {
  const { page: first, context } = await openPage(env.browser);
  await open(first, '/fixtures/plain.html?tab=1');
  await first.waitForSelector(BANNER, { state: 'visible' });
  const second = await context.newPage();
  await open(second, '/fixtures/plain.html?tab=2');
  await second.click('[data-action=accept-all]');
  await second.waitForSelector('#audience-badge');

  await first.waitForSelector(BANNER, { state: 'detached' });
  await first.waitForSelector('#audience-badge');
  assert.equal(await first.evaluate(() => window.CookieCharter.getConsent().audience), true);

  await first.evaluate(() => {
    window.__changes = [];
    window.CookieCharter.on('change', (c) => window.__changes.push(c && c.audience));
  });
  await second.evaluate(() => window.CookieCharter.refuseAll());
  await first.waitForFunction(() => window.CookieCharter.getConsent().audience === false);
  assert.deepEqual(await first.evaluate(() => window.__changes), [false],
    "the first tab's own listeners hear the withdrawal: what a portal's opt-out hooks on");
  await context.close();
});
