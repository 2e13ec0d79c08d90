// End-to-end tests: the built dist/ on the demo portal, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, visit as visitPage, consoleMessage, audienceRequested, preferencesCookie, BANNER as banner, PANEL as panel } from './browser.mjs';

const env = useDemoServer();

const visit = (path, setup) => visitPage(env, path, setup);

/** Reloads and waits for the component and the network to settle. */
async function reload(page) {
  await page.reload();
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  await page.waitForLoadState('networkidle');
}

test('first visit shows the banner and requests no audience script', async () => {
  const { page, context, requests } = await visit('/');
  await page.waitForSelector(banner, { state: 'visible' });
  const labels = await page.locator(`${banner} .cookie-charter__actions button`).allTextContents();
  assert.deepEqual(labels, ['Tout accepter', 'Tout refuser', 'Personnaliser']);
  const sizes = await page.locator(`${banner} .cookie-charter__actions button`).evaluateAll((buttons) =>
    buttons.map((b) => { const r = b.getBoundingClientRect(); return `${Math.round(r.width)}x${Math.round(r.height)}`; }));
  assert.equal(new Set(sizes).size, 1, `equal sizes: ${sizes}`);
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  assert.equal(await preferencesCookie(context), null);
  await context.close();
});

test('"Tout refuser" stores the refusal, closes the banner and never loads the audience script', async () => {
  const { page, context, requests } = await visit('/');
  await page.click('text=Tout refuser');
  await page.waitForSelector(banner, { state: 'detached' });
  const cookie = await preferencesCookie(context);
  assert.equal(cookie.json.v, 1);
  assert.equal(cookie.json.c.audience, false);
  assert.equal(cookie.json.c.necessary, true);
  assert.equal(cookie.path, '/');
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.secure, false, 'http page: no Secure');
  const days = (cookie.expires - Date.now() / 1000) / 86400;
  assert.ok(days > 181.9 && days <= 182, `Max-Age of 182 days, got ${days}`);
  await reload(page);
  assert.equal(await page.locator(banner).count(), 0, 'banner not shown again');
  assert.equal(audienceRequested(requests), false);
  assert.equal(await page.evaluate(() => window.__audienceRuns ?? 0), 0);
  await context.close();
});

test('"Tout accepter" loads and runs the audience script, again after reload, banner gone', async () => {
  const { page, context, requests } = await visit('/');
  assert.equal(audienceRequested(requests), false);
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  assert.equal(await page.evaluate(() => window.__audienceRuns), 1);
  assert.equal((await preferencesCookie(context)).json.c.audience, true);
  await reload(page);
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  assert.equal(await page.evaluate(() => window.__audienceRuns), 1, 'once per page');
  assert.equal(await page.locator(banner).count(), 0);
  assert.equal(await page.locator('script[data-cookie-charter-audience]').count(), 1);
  await context.close();
});

test('"Personnaliser", audience on, save: the script loads', async () => {
  const { page, context, requests } = await visit('/');
  await page.click('text=Personnaliser');
  await page.waitForSelector(panel, { state: 'visible' });
  const audience = page.getByRole('switch', { name: "Mesure d'audience" });
  assert.equal(await audience.isChecked(), false, 'off by default');
  assert.equal(await page.getByRole('switch', { name: 'Cookies nécessaires' }).isDisabled(), true);
  await audience.check();
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false, 'not before saving');
  await page.click('text=Enregistrer mes choix');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  assert.equal((await preferencesCookie(context)).json.c.audience, true);
  await context.close();
});

test('the footer link "Gérer mes cookies" reopens the panel with the stored choice', async () => {
  const { page, context } = await visit('/');
  await page.click('text=Tout refuser');
  await page.waitForSelector(banner, { state: 'detached' });
  await page.click('footer >> text=Gérer mes cookies');
  await page.waitForSelector(panel, { state: 'visible' });
  assert.equal(await page.getByRole('switch', { name: "Mesure d'audience" }).isChecked(), false);
  assert.ok(!page.url().endsWith('#'), 'the link does not navigate');
  await context.close();
});

test('the charter page shows every row of the charter', async () => {
  const { page, context } = await visit('/charte-cookies.html');
  const table = page.locator('[data-cookie-charter-table] table');
  await table.waitFor();
  const headers = await table.locator('thead th').allTextContents();
  assert.deepEqual(headers, ['Nom du prestataire', 'Service et emplacement', 'Nom du cookie', 'Finalités']);
  const names = await table.locator('tr.cookie-charter__row td:nth-child(3)').allTextContents();
  assert.deepEqual(names, ['sessionid', 'django_language', 'csrftoken', 'cookies_preferences', '']);
  const purposes = await table.locator('tr.cookie-charter__row td:nth-child(4)').allTextContents();
  assert.equal(purposes[4], 'Distinguer les utilisateurs uniques en attribuant un numéro généré aléatoirement comme identifiant client');
  // The introduction and the heading are the component's, once: the demo page repeats none.
  const text = await page.locator('main').innerText();
  for (const sentence of ['Afin de vous proposer', 'A quoi servent les cookies sur la plateforme']) {
    assert.equal(text.split(sentence).length - 1, 1, `"${sentence}" once`);
  }
  await context.close();
});

/** Sets cookies_preferences to `value` before the visit. */
function withCookie(value) {
  return (context) => context.addCookies([{ name: 'cookies_preferences', value, url: env.server.url }]);
}

const json = (obj) => encodeURIComponent(JSON.stringify(obj));

test('a tampered, unknown-version or expired cookie brings the banner back and loads nothing', async () => {
  const now = Math.floor(Date.now() / 1000);
  // Take a real accepted value, then break it in different ways.
  const first = await visit('/');
  await first.page.click('text=Tout accepter');
  await first.page.waitForSelector('#audience-badge');
  const good = (await preferencesCookie(first.context)).json;
  await first.context.close();

  const cases = {
    garbage: 'not-json',
    truncated: json(good).slice(0, 30),
    'wrong version': json({ ...good, v: 2 }),
    'unknown version': json({ ...good, v: 3 }),
    expired: json({ ...good, t: now - 200 * 86400 }),
    'from the future': json({ ...good, t: now + 10 * 86400 }),
    'other charter': json({ ...good, r: 'ffffffff' }),
    'too long': json({ ...good, pad: 'x'.repeat(4000) }).slice(0, 3900),
  };
  for (const [name, value] of Object.entries(cases)) {
    const { page, context, requests } = await visit('/', withCookie(value));
    await page.waitForSelector(banner, { state: 'visible' });
    await page.waitForLoadState('networkidle');
    assert.equal(audienceRequested(requests), false, `${name}: no audience script`);
    await context.close();
  }

  // The untouched value is still honoured (so the cases above fail for the right reason).
  const { page, context } = await visit('/', withCookie(json(good)));
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.locator(banner).count(), 0);
  await context.close();
});

test('bad configuration is reported in the console and nothing is loaded', async () => {
  const { page, context, requests, console: messages } = await visit('/fixtures/bad-config.html');
  await page.waitForSelector(banner, { state: 'visible' });
  for (const attribute of ['data-audience-src', 'data-policy-url', 'data-consent-days', 'data-lang', 'data-cookie-domain']) {
    await consoleMessage(page, messages, 'error', `[cookie-charter] ${attribute}=`);
  }
  // The reasons come with a module of their own, which only a page with a refused setting loads.
  assert.equal(requests.filter((u) => new URL(u).pathname === '/cookie-charter/cookie-charter-settings.js').length, 1);
  assert.equal(await page.locator(`${banner} a`).count(), 0, 'no javascript: link');
  await page.click('text=Tout accepter');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('script[data-cookie-charter-audience]').count(), 0);
  assert.equal(requests.some((u) => u.startsWith('javascript:')), false);
  const cookie = await preferencesCookie(context);
  const days = (cookie.expires - Date.now() / 1000) / 86400;
  assert.ok(days > 181.9 && days <= 182, 'invalid consent days fall back to 182');
  await context.close();
});

test('English page: English banner and table, configured consent lifetime', async () => {
  const { page, context } = await visit('/fixtures/english.html');
  await page.waitForSelector(banner, { state: 'visible' });
  const labels = await page.locator(`${banner} .cookie-charter__actions button`).allTextContents();
  assert.deepEqual(labels, ['Accept all', 'Refuse all', 'Customise']);
  await page.locator('[data-cookie-charter-table] table').waitFor();
  const headers = await page.locator('[data-cookie-charter-table] thead th').allTextContents();
  assert.deepEqual(headers, ['Provider', 'Service and location', 'Cookie name', 'Purpose']);
  await page.click('text=Refuse all');
  const cookie = await preferencesCookie(context);
  const days = (cookie.expires - Date.now() / 1000) / 86400;
  assert.ok(days > 29.9 && days <= 30, `data-consent-days=30, got ${days}`);
  await context.close();
});

test('data-cookie-name: on an Opendatasoft portal the platform\'s own cookies_preferences is left alone', async () => {
  // The platform's cookie, in a format of its own, set before the visit.
  const platformValue = encodeURIComponent(JSON.stringify({ analytics: true, version: 'ods' }));
  const { page, context, requests, console: messages } = await visit('/fixtures/cookie-name.html', (c) => c.addCookies([
    { name: 'cookies_preferences', value: platformValue, url: env.server.url },
  ]));
  const platformCookie = async () => (await context.cookies()).find((c) => c.name === 'cookies_preferences')?.value;
  const ours = async () => {
    const cookie = (await context.cookies()).find((c) => c.name === 'cookie_charter_choice');
    return cookie ? JSON.parse(decodeURIComponent(cookie.value)) : null;
  };
  await page.waitForSelector(banner, { state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false, 'the platform\'s "analytics: true" is not a choice here');
  assert.equal(messages.filter((m) => m.text.includes('[cookie-charter]')).length, 0, 'nothing to warn about');

  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge', { state: 'visible' });
  assert.equal((await ours()).c.audience, true);
  assert.equal(await platformCookie(), platformValue, 'the platform\'s cookie is untouched');
  await reload(page);
  assert.equal(await page.locator(banner).count(), 0, 'the choice is read back from the renamed cookie');
  assert.equal(await page.evaluate(() => window.__audienceRuns), 1);

  await page.evaluate(() => window.CookieCharter.refuseAll());
  assert.equal((await ours()).c.audience, false);
  assert.equal((await context.cookies()).some((c) => c.name.startsWith('_pk_')), false, 'the withdrawal erased the audience cookies');
  await page.evaluate(() => window.CookieCharter.reset());
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await ours(), null, 'reset() forgets ours');
  assert.equal(await platformCookie(), platformValue, 'and only ours');
  await context.close();
});
