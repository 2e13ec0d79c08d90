// Reliability and security, end to end: strict CSP (and nonces), fail-closed behaviour on every
// bad input, and consent receipts sent to the reference receiver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, visit, openPage, consoleMessage, audienceRequested, preferencesCookie, BANNER as banner, PANEL as panel } from './browser.mjs';

const NONCE_CSP = "default-src 'self'; script-src 'nonce-n0nce-for-test' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";
const env = useDemoServer({}, { '/fixtures/csp-nonce.html': { 'Content-Security-Policy': NONCE_CSP } });

/** Records every CSP violation the page reports, from before its first script. */
const recordViolations = (context) => context.addInitScript(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
});

test('strict CSP page: banner, panel, charter and audience script work with no violation', async () => {
  const { page, context } = await visit(env, '/csp.html', recordViolations);
  const response = await page.request.get(`${env.server.url}/csp.html`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.cookie-charter__banner')).position), 'fixed');
  await page.locator('[data-cookie-charter-table] table').waitFor();
  assert.equal(await page.locator('[data-cookie-charter-table] tr.cookie-charter__row').count(), 5);
  await page.click('text=Personnaliser');
  await page.waitForSelector(panel, { state: 'visible' });
  await page.getByRole('switch', { name: "Mesure d'audience" }).check();
  await page.click('text=Enregistrer mes choix');
  await page.waitForSelector('#audience-badge');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await context.close();
});

test('nonce: the added audience script and blocked scripts carry the tag\'s nonce', async () => {
  const { page, context } = await visit(env, '/fixtures/csp-nonce.html', recordViolations);
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  await page.waitForFunction(() => window.__blockedRan === true);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await context.close();
});

// The wasm travels inside cookie-charter.js; what can still fail is compiling it: a page whose
// policy lacks 'wasm-unsafe-eval', or a browser that refuses it.
const NO_WASM_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
// Refused both ways: the synchronous compilation entry.js tries first, and the asynchronous one.
const refuseWasm = (context) => context.addInitScript(() => {
  WebAssembly.Module = function RefusedModule() { throw new WebAssembly.CompileError('refused by the test'); };
  WebAssembly.instantiate = () => Promise.reject(new WebAssembly.CompileError('refused by the test'));
});
for (const [name, prepare] of [
  ["a policy without 'wasm-unsafe-eval'", (context) => context.route('**/', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if ((headers['content-type'] ?? '').includes('text/html')) headers['content-security-policy'] = NO_WASM_CSP;
    await route.fulfill({ response, headers });
  })],
  ['a browser that refuses to compile the wasm', refuseWasm],
]) {
  test(`${name}: a console error, the page still usable, no audience script`, async () => {
    const { page, context, requests, console: messages } = await openPage(env.browser);
    await prepare(context);
    await context.addCookies([{ name: 'cookies_preferences', value: 'x', url: env.server.url }]);
    await page.goto(`${env.server.url}/`);
    await page.waitForLoadState('networkidle');
    assert.ok(messages.some((m) => m.type === 'error' && m.text.includes('[cookie-charter] the WebAssembly module could not be loaded')),
      JSON.stringify(messages));
    assert.equal(audienceRequested(requests), false);
    assert.equal(await page.locator(banner).count(), 0);
    await page.fill('#q', 'bus');
    assert.equal(await page.inputValue('#q'), 'bus', 'the page still works');
    await context.close();
  });
}

test('cookies disabled: banner on every visit, nothing optional, an error in the console', async () => {
  const { page, context, requests, console: messages } = await openPage(env.browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDocumentCookieDisabled', { disabled: true });
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(banner, { state: 'visible' });
  assert.ok(messages.some((m) => m.type === 'error' && m.text.includes('cookies are disabled')));
  await page.click('text=Tout accepter');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await page.reload();
  await page.waitForSelector(banner, { state: 'visible' });
  await context.close();
});

test('a data: audience URL is refused and nothing runs', async () => {
  const { page, context, console: messages } = await visit(env, '/fixtures/data-src.html');
  await page.waitForSelector(banner, { state: 'visible' });
  await consoleMessage(page, messages, 'error', 'data-audience-src="data:');
  await page.click('text=Tout accepter');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => window.__pwned ?? 0), 0);
  assert.equal(await page.locator('script[data-cookie-charter-audience]').count(), 0);
  await context.close();
});

test('blocked tags with a URL that is not http(s) stay blocked, each with a console error, and the tags after them run', async () => {
  const { page, context, console: messages } = await visit(env, '/fixtures/blocked-refused.html');
  await page.click('text=Tout accepter');
  await page.waitForFunction(() => window.__after === true);
  const errors = messages.filter((m) => m.type === 'error').map((m) => m.text);
  assert.ok(errors.some((t) => t.startsWith('[cookie-charter] blocked script not activated: the URL resolves to "data:"')), errors.join('\n'));
  assert.ok(errors.some((t) => t.startsWith('[cookie-charter] blocked element not activated: the URL resolves to "javascript:"')), errors.join('\n'));
  assert.equal(await page.evaluate(() => window.__pwned ?? 0), 0);
  assert.equal(await page.locator('iframe[src]').count(), 0);
  await context.close();
});

test('an audience script that fails to load is not retried and raises cookie-charter:error', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/audience-404.html');
  await page.evaluate(() => {
    window.__errors = [];
    document.addEventListener('cookie-charter:error', (e) => window.__errors.push(e.detail));
  });
  await page.click('text=Tout accepter');
  await page.waitForFunction(() => window.__errors.length === 1);
  await page.waitForTimeout(500);
  const detail = (await page.evaluate(() => window.__errors))[0];
  assert.equal(detail.type, 'audience-script');
  assert.match(detail.src, /missing-audience\.js$/);
  assert.equal(requests.filter((u) => u.includes('missing-audience.js')).length, 1, 'one attempt');
  await context.close();
});

test('getReceipt() answers only a kept receipt that is exactly the choice\'s', async () => {
  const { page, context } = await visit(env, '/fixtures/receipts.html');
  await page.click('text=Tout refuser');
  await page.waitForFunction(() => window.CookieCharter.getReceipt() !== null);
  const kept = await page.evaluate(() => localStorage.getItem('cookie-charter:receipt'));
  const receipt = JSON.parse(kept);
  const answerFor = (stored) => page.evaluate((text) => {
    localStorage.setItem('cookie-charter:receipt', text);
    return window.CookieCharter.getReceipt();
  }, JSON.stringify(stored));
  assert.deepEqual(await answerFor(receipt), receipt, 'the receipt as it was kept');
  const altered = {
    'another choice': { ...receipt, choices: { ...receipt.choices, audience: true } },
    'a category left out': { ...receipt, choices: { necessary: true } },
    'a category added': { ...receipt, choices: { ...receipt.choices, ads: false } },
    'another id': { ...receipt, id: '00000000-0000-4000-8000-000000000000' },
    'another time': { ...receipt, decidedAt: receipt.decidedAt - 1 },
    'another revision': { ...receipt, revision: 'x' },
    'a member added': { ...receipt, extra: 1 },
    'a member left out': { ...receipt, lang: undefined },
    'a page that is not a string': { ...receipt, page: 1 },
  };
  for (const [what, stored] of Object.entries(altered)) {
    assert.equal(await answerFor(stored), null, `${what}: no receipt of this choice`);
  }
  await context.close();
});

test('consent receipts: kept, in the cookie, and sent to the receiver for a refusal and an acceptance', async () => {
  env.server.receipts.length = 0;
  const { page, context } = await visit(env, '/fixtures/receipts.html?email=someone%40example.org#top');
  await page.click('text=Tout refuser');
  await page.waitForFunction(() => window.CookieCharter.getReceipt() !== null);
  const refusal = await page.evaluate(() => window.CookieCharter.getReceipt());
  assert.match(refusal.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(refusal.choices.audience, false);
  assert.equal(refusal.lang, 'fr');
  assert.equal(refusal.page, `${env.server.url}/fixtures/receipts.html`, 'no query, no fragment');
  assert.equal((await preferencesCookie(context)).json.i, refusal.id, 'the id is in the cookie');

  await page.evaluate(() => window.CookieCharter.acceptAll());
  await page.waitForFunction(() => window.CookieCharter.getReceipt()?.choices.audience === true);
  const acceptance = await page.evaluate(() => window.CookieCharter.getReceipt());
  assert.notEqual(acceptance.id, refusal.id);

  const deadline = Date.now() + 5000;
  while (env.server.receipts.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(env.server.receipts.map((r) => r.receipt), [refusal, acceptance]);
  assert.match(env.server.receipts[0].contentType, /^text\/plain/);
  await context.close();
});
