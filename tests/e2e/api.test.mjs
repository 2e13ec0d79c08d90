// The JavaScript API (window.CookieCharter, the same functions the npm module exports), its
// idempotence, and the Google Consent Mode / Matomo commands, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, visit, openPage, consoleMessage, audienceRequested, preferencesCookie, BANNER as banner, PANEL as panel } from './browser.mjs';

const env = useDemoServer();

test('window.CookieCharter: getConsent, acceptAll, on(change), refuseAll, reset, showPreferences', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/api.html');
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.locator(banner).count(), 1, 'two script tags, one banner');
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent()), null);
  await page.evaluate(() => {
    window.__changes = [];
    window.__off = window.CookieCharter.on('change', (c) => window.__changes.push(c && c.audience));
  });

  const accepted = await page.evaluate(() => window.CookieCharter.acceptAll());
  assert.equal(accepted.audience, true);
  assert.equal(accepted.necessary, true);
  assert.match(accepted.revision, /^[0-9a-f]{8}$/);
  assert.ok(Math.abs(accepted.decidedAt - Date.now() / 1000) < 60);
  await page.waitForSelector('#audience-badge');
  assert.deepEqual(await page.evaluate(() => window.CookieCharter.getConsent()), accepted);
  assert.equal(await page.locator(banner).count(), 0);

  const refused = await page.evaluate(() => window.CookieCharter.refuseAll());
  assert.equal(refused.audience, false);
  assert.equal((await preferencesCookie(context)).json.c.audience, false);

  const detail = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('cookie-charter:change', (e) => resolve(e.detail), { once: true });
    window.CookieCharter.acceptAll();
  }));
  assert.equal(detail.audience, true, 'the DOM event carries the same detail');

  await page.evaluate(() => window.CookieCharter.reset());
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent()), null);
  assert.equal(await preferencesCookie(context), null, 'the cookie is gone');
  assert.deepEqual(await page.evaluate(() => window.__changes), [true, false, true, null]);

  await page.evaluate(() => window.__off());
  await page.evaluate(() => window.CookieCharter.refuseAll());
  assert.equal((await page.evaluate(() => window.__changes)).length, 4, 'unsubscribed');

  await page.evaluate(() => window.CookieCharter.showPreferences());
  await page.waitForSelector(panel, { state: 'visible' });
  assert.equal(requests.filter((u) => new URL(u).pathname === '/stub-audience.js').length, 1, 'loaded once');
  await context.close();
});

test('mount() after the script tag started warns and makes no second banner', async () => {
  const { page, context, console: messages } = await visit(env, '/fixtures/api.html');
  await page.waitForSelector(banner, { state: 'visible' });
  await page.evaluate(() => window.CookieCharter.mount({ lang: 'en' }));
  assert.equal(await page.locator('#cookie-charter').count(), 1);
  assert.equal(await page.locator(banner).count(), 1);
  assert.ok(messages.some((m) => m.type === 'warning' && m.text.includes('already started')));
  assert.equal(await page.locator(`${banner} .cookie-charter__actions button`).first().textContent(), 'Tout accepter');
  await context.close();
});

/** The recorded dataLayer (Arguments objects as arrays) and _paq queue. */
const recorded = (page) => page.evaluate(() => ({
  dataLayer: window.dataLayer.map((entry) => Array.from(entry)),
  paq: window._paq.map((entry) => entry[0]),
}));

test('Google Consent Mode v2 and Matomo: defaults first, then an update on each choice', async () => {
  const { page, context } = await visit(env, '/fixtures/integrations.html');
  await page.waitForSelector(banner, { state: 'visible' });
  let { dataLayer, paq } = await recorded(page);
  assert.deepEqual(dataLayer, [['consent', 'default', {
    analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', wait_for_update: 500,
  }]]);
  assert.deepEqual(paq, ['requireCookieConsent', 'trackPageView'], 'consent required before the page view');
  assert.equal(await page.evaluate(() => Object.prototype.toString.call(window.dataLayer[0])), '[object Arguments]');

  await page.click('text=Tout accepter');
  ({ dataLayer, paq } = await recorded(page));
  assert.deepEqual(dataLayer[1], ['consent', 'update', {
    analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
  }]);
  assert.deepEqual(paq.slice(2), ['rememberCookieConsentGiven']);

  await page.reload();
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  ({ dataLayer, paq } = await recorded(page));
  assert.deepEqual(dataLayer.map((e) => [e[1], e[2].analytics_storage]), [['default', 'denied'], ['update', 'granted']]);
  assert.deepEqual(paq, ['requireCookieConsent', 'trackPageView', 'setCookieConsentGiven']);

  await page.evaluate(() => window.CookieCharter.refuseAll());
  ({ dataLayer, paq } = await recorded(page));
  assert.deepEqual(dataLayer.at(-1)[2].analytics_storage, 'denied');
  assert.equal(paq.at(-1), 'forgetCookieConsentGiven');
  await context.close();
});

test('mount() with an option of no setting and a refused value says why in the console, and applies neither', async () => {
  const { page, context, requests, console: messages } = await openPage(env.browser);
  await page.goto(`${env.server.url}/fixtures/blocked-frame.html`);
  await page.evaluate(async () => {
    const api = await import('/cookie-charter/cookie-charter.js');
    await api.mount({ audienceSrc: '/stub-audience.js', consentDays: 'forever', audienceSource: '/other.js' });
  });
  await page.waitForSelector(banner, { state: 'visible' });
  const unknown = await consoleMessage(page, messages, 'error', '[cookie-charter] mount(options): unknown option "audienceSource"');
  assert.match(unknown.text, /expected one of: .*audienceSrc/);
  await consoleMessage(page, messages, 'error', '[cookie-charter] data-consent-days="forever" is not a whole number');
  await page.click('[data-action=accept-all]');
  await page.waitForFunction(() => document.cookie.includes('cookies_preferences'));
  const days = ((await preferencesCookie(context)).expires - Date.now() / 1000) / 86400;
  assert.ok(days > 181.9 && days <= 182, `the default lifetime, 182 days, got ${days}`);
  assert.equal(requests.some((u) => u.includes('/other.js')), false, 'the misnamed option is not applied');
  await context.close();
});

test('API calls before mount() are refused with a clear error', async () => {
  const { page, context } = await (async () => {
    const tab = await (await import('./browser.mjs')).openPage(env.browser);
    await tab.page.goto(`${env.server.url}/fixtures/blocked-frame.html`);
    return tab;
  })();
  const error = await page.evaluate(async () => {
    const api = await import('/cookie-charter/cookie-charter.js');
    return api.acceptAll().then(() => 'resolved', (e) => e.message);
  });
  assert.match(error, /not mounted: call mount\(options\) first/);
  await context.close();
});
