// Services inside a category: a switch per service under its category's (which says all, some
// or none), each service's tags loaded alone, the category's own tags only when all are on, the
// cookie's version 3, the JS API's `services`, and a service's withdrawal erasing its cookies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { STRICT_CSP } from '../../scripts/serve.mjs';
import { useDemoServer, visit, preferencesCookie, FIXTURES, BANNER as banner, PANEL as panel } from './browser.mjs';

// The same fixtures again under /strict/, where the services page is served with the strict CSP.
const env = useDemoServer({ '/strict/': FIXTURES }, { '/strict/services.html': { 'Content-Security-Policy': STRICT_CSP } });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const group = `${panel} button[data-category=embeds]`;

/** Waits for the placeholder of `service` to be shown: its selector, and its size in CSS pixels. */
async function shownPlaceholder(page, service) {
  const placeholder = `[data-cookie-charter-placeholder=${service}]`;
  await page.waitForSelector(placeholder, { state: 'visible' });
  const size = await page.locator(placeholder).evaluate((el) => [el.offsetWidth, el.offsetHeight]);
  return { placeholder, size };
}

test('a switch per service; the category is the sum (aria-checked false, mixed, true); axe-core clean', async () => {
  const { page, context } = await visit(env, '/fixtures/services.html');
  await page.click(`${banner} [data-action=customise]`);
  await page.waitForSelector(panel, { state: 'visible' });
  const labels = await page.locator(`${panel} .cookie-charter__service label`).allTextContents();
  assert.deepEqual(labels, ['YouTube (Google)', 'uMap (OpenStreetMap) (OpenStreetMap France)']);
  assert.equal(await page.locator(group).getAttribute('aria-checked'), 'false');
  await page.click(`${panel} input[data-service=youtube]`);
  assert.equal(await page.locator(group).getAttribute('aria-checked'), 'mixed');
  await page.click(`${panel} input[data-service=umap]`);
  assert.equal(await page.locator(group).getAttribute('aria-checked'), 'true');
  // The category's control, from the keyboard: Space turns all its services off.
  await page.locator(group).focus();
  await page.keyboard.press('Space');
  assert.equal(await page.locator(group).getAttribute('aria-checked'), 'false');
  assert.equal(await page.locator(`${panel} input[data-service=youtube]`).isChecked(), false);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run({ include: [['#cookie-charter']] }));
  assert.deepEqual(result.violations.map((v) => v.id), []);
  await context.close();
});

test('one service allowed: its tags load alone, the category\'s wait, the cookie says so (version 3)', async () => {
  const { page, context } = await visit(env, '/fixtures/services.html');
  await page.click(`${banner} [data-action=customise]`);
  await page.waitForSelector(panel, { state: 'visible' });
  await page.click(`${panel} input[data-service=youtube]`);
  await page.click(`${panel} [data-action=save]`);
  await page.frameLocator('iframe[data-cookie-service=youtube]').locator('#frame-ran').waitFor();
  assert.equal(await page.evaluate(() => window.__umapRuns ?? 0), 0, 'uMap refused: its tag stays blocked');
  assert.equal(await page.evaluate(() => window.__embedsRuns ?? 0), 0, 'the category is not all on');
  const cookie = await preferencesCookie(context);
  assert.equal(cookie.json.v, 3);
  assert.equal(cookie.json.c.embeds, '10', 'one digit a service, in the charter\'s order');
  const consent = await page.evaluate(() => window.CookieCharter.getConsent());
  assert.deepEqual(consent.services, { youtube: true, umap: false });
  assert.equal(consent.embeds, false);

  // All on: uMap's tag and the category's run, once each.
  await page.evaluate(() => window.CookieCharter.acceptAll());
  await page.waitForFunction(() => window.__umapRuns === 1 && window.__embedsRuns === 1);
  await page.reload();
  await page.waitForFunction(() => window.__umapRuns === 1 && window.__embedsRuns === 1);
  assert.equal(await page.locator(banner).count(), 0, 'the version 3 value is read back');
  await context.close();
});

test('withdrawing one service erases its cookies and keeps the others\' choice', async () => {
  const { page, context } = await visit(env, '/fixtures/services.html');
  await page.evaluate(() => window.CookieCharter.acceptAll());
  await context.addCookies([{ name: 'YSC', value: 'x', url: env.server.url }]);
  await page.evaluate(() => window.CookieCharter.showPreferences());
  await page.waitForSelector(panel, { state: 'visible' });
  await page.click(`${panel} input[data-service=youtube]`);
  await page.click(`${panel} [data-action=save]`);
  await page.waitForSelector(panel, { state: 'detached' });
  assert.equal((await context.cookies()).some((c) => c.name === 'YSC'), false, 'YouTube\'s cookie erased');
  const consent = await page.evaluate(() => window.CookieCharter.getConsent());
  assert.deepEqual(consent.services, { youtube: false, umap: true });
  assert.equal(consent.audience, true);
  await context.close();
});

test('a blocked embed shows a placeholder in its place; "Autoriser et afficher" accepts that service alone and loads it', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/services.html');
  const { placeholder, size } = await shownPlaceholder(page, 'youtube');
  assert.equal(await page.locator(`${placeholder} .cookie-charter-placeholder__title`).textContent(), 'Contenu bloqué\u202f: YouTube');
  assert.match(await page.locator(placeholder).textContent(), /fourni par Google/);
  assert.deepEqual(size, [480, 270], 'the embed\'s own size');
  assert.equal(await page.locator('iframe[data-cookie-service=youtube]').isVisible(), false);
  await page.waitForLoadState('networkidle');
  assert.equal(requests.some((u) => u.includes('blocked-frame.html')), false, 'nothing requested before consent');
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate((sel) => window.axe.run({ include: [[sel]] }), placeholder);
  assert.deepEqual(result.violations.map((v) => v.id), []);

  // From the keyboard: the button accepts YouTube alone, the banner's question is answered.
  await page.locator(`${placeholder} button`).focus();
  await page.keyboard.press('Enter');
  await page.frameLocator('iframe[data-cookie-service=youtube]').locator('#frame-ran').waitFor();
  assert.equal(await page.locator(placeholder).count(), 0);
  assert.equal(await page.locator(banner).count(), 0);
  assert.equal((await preferencesCookie(context)).json.c.embeds, '10');
  assert.equal((await preferencesCookie(context)).json.c.audience, false);
  await context.close();
});

test('consent given elsewhere replaces the placeholder; its link opens the preferences', async () => {
  const { page, context } = await visit(env, '/fixtures/services.html');
  const { placeholder } = await shownPlaceholder(page, 'youtube');
  await page.click(`${placeholder} a`);
  await page.waitForSelector(panel, { state: 'visible' });
  await page.click(`${panel} [data-action=accept-all]`);
  await page.frameLocator('iframe[data-cookie-service=youtube]').locator('#frame-ran').waitFor();
  assert.equal(await page.locator('[data-cookie-charter-placeholder]').count(), 0);
  await context.close();
});

test('under the strict CSP the placeholder keeps its size (CSSOM, no inline style) and its button works', async () => {
  const { page, context } = await visit(env, '/strict/services.html', (c) => c.addInitScript(() => {
    window.__styleViolations = 0;
    document.addEventListener('securitypolicyviolation', (e) => {
      if (e.violatedDirective.startsWith('style-src')) window.__styleViolations += 1;
    });
  }));
  const { placeholder, size } = await shownPlaceholder(page, 'youtube');
  assert.deepEqual(size, [480, 270]);
  await page.click(`${placeholder} button`);
  await page.frameLocator('iframe[data-cookie-service=youtube]').locator('#frame-ran').waitFor();
  assert.equal(await page.evaluate(() => window.__styleViolations), 0);
  await context.close();
});

test('a service\'s own script loads once it alone is accepted; Piano Analytics is told its mode before and after its SDK starts', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/piano-services.html');
  await page.waitForSelector(banner, { state: 'visible' });
  const preset = () => page.evaluate(() => [window.pdl.requireConsent, window.pdl.consent.defaultPreset.PA]);
  assert.deepEqual(await preset(), [true, 'opt-out'], 'no consent yet: Piano starts opted out');
  await page.waitForLoadState('networkidle');
  const asked = (file) => requests.filter((u) => new URL(u).pathname === `/fixtures/${file}`).length;
  assert.equal(asked('piano-stub.js') + asked('service-stub.js') + asked('thumb.svg'), 0, 'nothing before consent');

  await page.click(`${banner} [data-action=customise]`);
  await page.waitForSelector(panel, { state: 'visible' });
  await page.click(`${panel} input[data-service=piano]`);
  await page.click(`${panel} [data-action=save]`);
  await page.waitForFunction(() => window.__pianoStartMode !== undefined);
  assert.equal(await page.evaluate(() => window.__pianoStartMode), 'opt-in', 'told before its SDK starts');
  await page.waitForLoadState('networkidle');
  assert.equal(asked('piano-stub.js'), 1);
  assert.equal(asked('service-stub.js'), 0, 'Matomo was not accepted: its script stays out');

  // A refusal reaches the running SDK; a new acceptance does not add the script twice.
  await page.evaluate(() => window.CookieCharter.refuseAll());
  assert.deepEqual(await page.evaluate(() => window.__pianoModes), ['opt-out']);
  await page.evaluate(() => window.CookieCharter.acceptAll());
  await page.waitForFunction(() => window.__serviceScriptRuns === 1);
  assert.deepEqual(await page.evaluate(() => window.__pianoModes), ['opt-out', 'opt-in']);
  await page.waitForLoadState('networkidle');
  assert.equal(asked('piano-stub.js'), 1);
  await context.close();
});

test('any element marked for a service gets a placeholder (an image here), and its source once allowed', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/piano-services.html');
  const { placeholder, size } = await shownPlaceholder(page, 'vimeo');
  assert.deepEqual(size, [320, 180]);
  assert.match(await page.locator(placeholder).textContent(), /Vimeo/);
  assert.equal(await page.locator('img[data-cookie-service=vimeo]').isVisible(), false);
  await page.click(`${placeholder} button`);
  await page.waitForFunction(() => document.querySelector('img[data-cookie-service=vimeo]').complete
    && document.querySelector('img[data-cookie-service=vimeo]').naturalWidth === 320);
  assert.equal(await page.locator('img[data-cookie-service=vimeo]').isVisible(), true);
  assert.equal(await page.locator(placeholder).count(), 0);
  assert.equal(requests.filter((u) => u.endsWith('/fixtures/thumb.svg')).length, 1);
  const consent = await page.evaluate(() => window.CookieCharter.getConsent());
  assert.deepEqual(consent.services, { matomo: false, piano: false, vimeo: true, dailymotion: false });
  await context.close();
});

test('a <template> marked for a service: a placeholder at its given size, its markup in the page (and fetched) only once allowed', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/piano-services.html');
  const { placeholder, size } = await shownPlaceholder(page, 'dailymotion');
  assert.deepEqual(size, [400, 225]);
  assert.match(await page.locator(placeholder).textContent(), /Dailymotion/);
  await page.waitForLoadState('networkidle');
  assert.equal(requests.some((u) => u.includes('from-template')), false, 'a template\'s content is inert before consent');
  assert.equal(await page.locator('#from-template').count(), 0);
  await page.click(`${placeholder} button`);
  await page.waitForSelector('#from-template', { state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(requests.filter((u) => u.includes('from-template')).length, 1);
  assert.equal(await page.locator(placeholder).count(), 0);
  // Once in the page, never twice: another acceptance does not copy the template again.
  await page.evaluate(() => window.CookieCharter.acceptAll());
  assert.equal(await page.locator('#from-template').count(), 1);
  await context.close();
});
