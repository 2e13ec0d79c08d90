// The demo portal with its consent register, as scripts/demo.sh runs them: the demo server
// forwards /register/… to the register (SQLite in a file), as a portal's reverse proxy would.
// The banner's real receipts are kept and found by the id in the visitor's cookie and panel;
// banners shown are counted without any identifier; the DPO reads both on the dashboard (in the
// browser, behind the admin credential, axe-core clean) and in the export; the register sets
// the choice cookie the banner wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openPage, preferencesCookie, BANNER, PANEL } from './browser.mjs';
import { ADMIN_TOKEN, freePort, startRegister } from './register-process.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BEARER = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const BASIC = { Authorization: `Basic ${Buffer.from(`dpo:${ADMIN_TOKEN}`).toString('base64')}` };

const env = {};
before(async () => {
  const port = await freePort();
  Object.assign(env, await launch({ register: `http://127.0.0.1:${port}` }));
  env.register = await startRegister({ port, origins: [env.server.url] });
});
after(async () => {
  env.register?.stop();
  await env.close?.();
});

/** The receipt `id` as the DPO looks it up. */
async function lookup(id) {
  const answer = await fetch(`${env.register.url}/v1/receipts/${id}`, { headers: BEARER });
  return { status: answer.status, body: answer.status === 200 ? await answer.json() : null };
}

/** Polls `probe()` until it returns something truthy (5 s at most). */
async function eventually(what, probe) {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never happened`);
}

/** The dashboard's summary table for portal demo today: { 'Bannières vues': n, … }. */
async function summary() {
  const html = await (await fetch(`${env.register.url}/dashboard?portal=demo`, { headers: BASIC })).text();
  const table = html.slice(html.indexOf('<h2>En résumé</h2>'), html.indexOf('</table>', html.indexOf('<h2>En résumé</h2>')));
  return Object.fromEntries([...table.matchAll(/<th scope="row">([^<]+)<\/th><td>(\d+)<\/td>/g)].map((m) => [m[1], Number(m[2])]));
}

test('a choice made in the demo is kept by the register, found by the cookie\'s id, and exported', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('text=Tout refuser');
  await page.waitForSelector(BANNER, { state: 'detached' });
  const refusal = (await preferencesCookie(context)).json.i;
  await page.click('text=Gérer mes cookies');
  await page.click('.cookie-charter__panel [data-action=accept-all]');
  await page.waitForSelector('#audience-badge');
  const acceptance = (await preferencesCookie(context)).json.i;
  assert.notEqual(refusal, acceptance);
  await context.close();

  const found = await eventually('the receipt reaches the register', async () => {
    const answer = await lookup(acceptance);
    return answer.status === 200 && answer;
  });
  assert.equal(found.body.receipt.choices.audience, true);
  assert.equal(found.body.receipt.action, 'accept-all');
  assert.equal(found.body.receipt.page, `${env.server.url}/`);
  const refused = await lookup(refusal);
  assert.equal(refused.body.receipt.choices.audience, false, 'the refusal is kept too');
  assert.equal(refused.body.receipt.action, 'refuse-all');

  const csv = await (await fetch(`${env.register.url}/v1/export?format=csv&portal=demo`, { headers: BEARER })).text();
  assert.ok(csv.includes(acceptance) && csv.includes(refusal), csv);
  const unauthorised = await fetch(`${env.register.url}/v1/export`);
  assert.equal(unauthorised.status, 401);
});

test('a banner shown is counted with no identifier, and the decision reaches the dashboard', async () => {
  const before = await summary();
  const { page, context } = await openPage(env.browser);
  // A cookie of the portal's own, which an impression must not carry.
  await context.addCookies([{ name: 'portal_session', value: 'visitor-42', url: env.server.url }]);
  const impressions = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/impressions')) impressions.push(request);
  });
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await eventually('the impression is sent', () => impressions.length === 1);
  const [shown] = impressions;
  assert.equal(shown.method(), 'POST');
  assert.equal(new URL(shown.url()).pathname, '/register/v1/portals/demo/impressions');
  const sent = JSON.parse(shown.postData());
  assert.deepEqual(Object.keys(sent).sort(), ['lang', 'revision'], 'the revision and language, nothing else');
  assert.equal(sent.lang, 'fr');
  assert.match(sent.revision, /^[0-9a-f]{8,}$/);
  const headers = await shown.allHeaders();
  assert.equal(headers.cookie, undefined, 'no cookie goes with an impression');
  assert.equal((await shown.response()).status(), 204);

  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  // The same page again: the banner is not shown, so nothing is counted.
  await page.reload();
  await page.waitForSelector('#audience-badge');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(impressions.length, 1, 'one impression a banner shown');
  await context.close();

  const after = await eventually('the dashboard counts the decision', async () => {
    const now = await summary();
    return now['Tout accepter'] === (before['Tout accepter'] ?? 0) + 1 && now;
  });
  assert.equal(after['Bannières vues'], (before['Bannières vues'] ?? 0) + 1);
  assert.equal(after['Décisions'], (before['Décisions'] ?? 0) + 1);
});

test('the DPO reads the dashboard in a browser with the admin credential only, and it passes axe-core', async () => {
  const refused = await fetch(`${env.register.url}/dashboard`);
  assert.equal(refused.status, 401, 'no credential, no dashboard');
  assert.match(refused.headers.get('www-authenticate'), /^Basic realm=/, 'the browser asks for it');
  const { page, context } = await openPage(env.browser);
  await assert.rejects(page.goto(`${env.register.url}/dashboard`), /ERR_INVALID_AUTH_CREDENTIALS/);
  await context.close();

  const dpo = await env.browser.newContext({ locale: 'fr-FR', httpCredentials: { username: 'dpo', password: ADMIN_TOKEN } });
  const tab = await dpo.newPage();
  // Through the portal's own front too, as the demo serves it.
  const answer = await tab.goto(`${env.server.url}/register/dashboard?portal=demo`);
  assert.equal(answer.status(), 200);
  assert.equal(await tab.title(), 'Registre des consentements — demo');
  for (const caption of ['Bannières et décisions sur la période', 'Décisions par jour (les nombres du graphique)']) {
    assert.equal(await tab.locator('caption', { hasText: caption }).count(), 1, caption);
  }
  const charts = await tab.locator('svg[role=img]').count();
  assert.ok(charts >= 1);
  assert.equal(await tab.locator('svg[role=img] > title').count(), charts, 'each chart has an accessible name');
  await tab.addScriptTag({ path: axePath });
  const result = await tab.evaluate(() => window.axe.run(document));
  assert.deepEqual(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)), []);
  // The period form, by keyboard alone: portal, from, to (a date field takes a Tab a part), then
  // the button.
  const reached = [];
  for (let i = 0; i < 12 && reached.at(-1) !== 'Afficher'; i++) {
    await tab.keyboard.press('Tab');
    const at = await tab.evaluate(() => document.activeElement.id || document.activeElement.textContent);
    if (reached.at(-1) !== at) reached.push(at);
  }
  assert.deepEqual(reached, ['portal', 'from', 'to', 'Afficher']);
  await dpo.close();
});

test('the panel shows the id of the visitor\'s last receipt, and the register sets the choice cookie', async () => {
  const { page, context } = await openPage(env.browser);
  const choices = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/choice')) choices.push(response);
  });
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('text=Tout refuser');
  const { json, value } = await preferencesCookie(context);
  await page.click('text=Gérer mes cookies');
  await page.waitForSelector(PANEL, { state: 'visible' });
  assert.equal(await page.textContent('.cookie-charter__receipt code'), json.i);
  assert.match(await page.textContent('.cookie-charter__receipt-help'), /registre/);

  // The banner sent the value it wrote; the register answered with the same cookie (over http
  // in this demo: without Secure, as the banner itself writes it here).
  await eventually('the register answers the choice', () => choices.length === 1);
  const [answer] = choices;
  assert.equal(answer.status(), 204);
  assert.equal(answer.request().postData(), value);
  assert.equal(await answer.headerValue('set-cookie'), `cookies_preferences=${value}; Path=/; Max-Age=${182 * 86400}; SameSite=Lax`);

  // The next page reads the choice and shows its receipt again.
  await page.goto(`${env.server.url}/charte-cookies.html`);
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  await page.click('text=Gérer mes cookies');
  assert.equal(await page.textContent('.cookie-charter__receipt code'), json.i);
  await context.close();
});
