// Trusted Types: on a page that requires them, the component adds its scripts through a policy
// named "cookie-charter" when the page allows it, and fails closed with a clear console error
// when it does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, openPage, audienceRequested, BANNER, PANEL } from './browser.mjs';

// The portal's own inline tag (blocked until consent) carries the page's nonce.
const STRICT = "default-src 'self'; script-src 'self' 'nonce-tt2026' 'wasm-unsafe-eval'; style-src 'self'; " +
  "require-trusted-types-for 'script'";
const env = useDemoServer({ '/refused/': new URL('./fixtures/', import.meta.url).pathname }, {
  '/fixtures/trusted-types.html': { 'Content-Security-Policy': `${STRICT}; trusted-types default cookie-charter` },
  '/refused/trusted-types.html': { 'Content-Security-Policy': `${STRICT}; trusted-types default` },
});

/** Opens `path` recording the page's Content-Security-Policy violations. */
async function open(path) {
  const tab = await openPage(env.browser);
  await tab.context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await tab.page.goto(env.server.url + path);
  await tab.page.waitForSelector(BANNER, { state: 'visible' });
  return tab;
}

test('Trusted Types with the "cookie-charter" policy allowed: the audience script and the blocked tags load, the panel works, no violation', async () => {
  const { page, context, console: messages } = await open('/fixtures/trusted-types.html');
  await page.click('[data-action=accept-all]');
  await page.waitForSelector('#audience-badge');
  await page.waitForFunction(() => (window.__order || []).length === 2);
  assert.deepEqual(await page.evaluate(() => window.__order), ['inline', 'external']);
  await page.evaluate(() => window.CookieCharter.showPreferences());
  await page.waitForSelector(PANEL, { state: 'visible' });
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.ok(!messages.some((m) => m.text.includes('[cookie-charter]') || m.text.includes('Trusted')),
    JSON.stringify(messages));
  await context.close();
});

test('Trusted Types without the policy allowed: nothing is loaded, and a console error says what to add', async () => {
  const { page, context, requests, console: messages } = await open('/refused/trusted-types.html');
  await page.click('[data-action=accept-all]');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false, 'the audience script is not loaded');
  assert.equal(await page.evaluate(() => window.__order), undefined, 'no blocked tag ran');
  assert.ok(messages.some((m) => m.type === 'error' && m.text.includes('[cookie-charter]') &&
    m.text.includes('"cookie-charter"') && m.text.includes('trusted-types')), JSON.stringify(messages));
  await context.close();
});
