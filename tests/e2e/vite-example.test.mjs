// The npm package as a front-end team uses it: examples/vite depends on the packed tarball
// (scripts/example-vite.sh packs, installs, type-checks and builds it); here its builds by Vite 7
// and Vite 8, Vite 7's and Vite 8's dev servers with their default dependency pre-bundling (no
// optimizeDeps line), and its bundles by plain esbuild and by webpack 5, run in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer as createVite7Server } from 'vite';
import { createServer as createVite8Server } from 'vite8';
import { useDemoServer, openPage, BANNER as banner, PANEL as panel } from './browser.mjs';

const example = fileURLToPath(new URL('../../examples/vite/', import.meta.url));
const built = fileURLToPath(new URL('../../examples/vite/dist/', import.meta.url));
const esbuilt = fileURLToPath(new URL('../../examples/vite/dist-esbuild/', import.meta.url));
const vite8Built = fileURLToPath(new URL('../../examples/vite/dist-vite8/', import.meta.url));
const webpacked = fileURLToPath(new URL('../../examples/vite/dist-webpack/', import.meta.url));
const env = useDemoServer({ '/vite/': built, '/esbuild/': esbuilt, '/vite8/': vite8Built, '/webpack/': webpacked });

for (const [vite, path, folder] of [['Vite 7', '/vite/', built], ['Vite 8', '/vite8/', vite8Built]]) {
test(`the Vite app built from the packed tarball by ${vite}: banner, getConsent and events, reset`, async () => {
  assert.ok(existsSync(`${folder}/index.html`), `${folder} is missing: run scripts/example-vite.sh`);
  const { page, context, requests } = await openPage(env.browser);
  await page.goto(`${env.server.url}${path}`);
  await page.waitForSelector('body[data-mounted=true]');
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.locator('#consent').textContent(), 'aucun');
  // The charter table is drawn by the Yew UI, loaded after the banner: wait for it first.
  await page.locator('[data-cookie-charter-table] table').waitFor();
  assert.equal(await page.locator('[data-cookie-charter-table] tr.cookie-charter__row').count(), 5, 'saintnazaire preset');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.cookie-charter__banner')).position), 'fixed',
    'the stylesheet was bundled and linked');
  await page.waitForLoadState('networkidle');
  assert.equal(requests.some((u) => u.endsWith('/stub-audience.js')), false);

  await page.click('text=Tout accepter');
  await page.waitForFunction(() => window.__audienceRuns === 1);
  assert.equal(await page.locator('#consent').textContent(), 'mesure acceptée');
  assert.equal(await page.locator('#events').textContent(), '1');
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().audience), true);

  await page.click('#reset');
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.locator('#consent').textContent(), 'aucun');
  assert.equal(await page.locator('#events').textContent(), '2');
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent()), null);

  await page.click('text=Tout refuser');
  await page.click('#preferences');
  await page.waitForSelector('dialog.cookie-charter__panel');
  await context.close();
});
}

/**
 * Opens the example app at `url` as another bundler serves it: the banner shows styled,
 * "Personnaliser" opens the panel, nothing optional is requested. Returns the tab, with
 * `missing` (responses of 400 and over) and `errors()` (console errors and [cookie-charter]
 * messages) for the end of the test.
 */
async function openAppPanel(url) {
  const tab = await openPage(env.browser);
  const { page, requests, console: messages } = tab;
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(r.url()); });
  await page.goto(url);
  await page.waitForSelector('body[data-mounted=true]');
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.cookie-charter__banner')).position), 'fixed');
  await page.click('text=Personnaliser');
  await page.waitForSelector(panel, { state: 'visible' });
  assert.equal(requests.some((u) => u.endsWith('/stub-audience.js')), false);
  const errors = () => messages.filter((m) => m.type === 'error' || m.text.includes('[cookie-charter]'));
  return { ...tab, missing, errors };
}

for (const [name, createServer] of [['Vite 7', createVite7Server], ['Vite 8', createVite8Server]]) {
test(`the same app on ${name}'s dev server, untouched: banner, panel, audience only after consent`, async () => {
  assert.ok(existsSync(`${example}/node_modules/cookie-charter`), 'run scripts/example-vite.sh first');
  const vite = await createServer({
    root: example, configFile: false, logLevel: 'error', clearScreen: false,
    server: { host: '127.0.0.1', port: 0 }, optimizeDeps: { force: true },
  });
  await vite.listen();
  try {
    const { page, context, requests, missing, errors } = await openAppPanel(vite.resolvedUrls.local[0]);
    assert.ok(requests.some((u) => u.includes('/node_modules/.vite/deps/cookie-charter')), 'Vite pre-bundled the package');
    await page.click(`${panel} [data-action=accept-all]`);
    await page.waitForFunction(() => window.__audienceRuns === 1);
    assert.deepEqual(errors(), []);
    assert.deepEqual(missing, []);
    await context.close();
  } finally {
    await vite.close();
  }
});
}

test('the same app bundled by plain esbuild: banner, panel, audience only after consent; the on-demand modules stay lazy chunks', async () => {
  assert.ok(existsSync(`${esbuilt}/main.js`), 'examples/vite/dist-esbuild is missing: run scripts/example-vite.sh');
  const { page, context, requests, missing, errors } = await openAppPanel(`${env.server.url}/esbuild/`);
  assert.ok(!requests.some((u) => u.includes('nowasm')), 'the no-WebAssembly fallback stays an unloaded chunk');
  await page.click(`${panel} [data-action=refuse-all]`);
  await page.waitForSelector(panel, { state: 'detached' });
  assert.equal(await page.locator('#consent').textContent(), 'mesure refusée');
  assert.deepEqual(errors(), []);
  assert.deepEqual(missing, []);
  await context.close();
});

test('the same app bundled by webpack 5: banner, panel, audience only after consent; the charter page from a lazy chunk', async () => {
  assert.ok(existsSync(`${webpacked}/main.js`), 'examples/vite/dist-webpack is missing: run scripts/example-vite.sh');
  const { page, context, requests, missing, errors } = await openAppPanel(`${env.server.url}/webpack/`);
  assert.ok(!requests.some((u) => u.includes('nowasm')), 'the no-WebAssembly fallback stays an unloaded chunk');
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent()), null, 'webpack kept the module from starting by itself');
  await page.click(`${panel} [data-action=accept-all]`);
  await page.waitForFunction(() => window.__audienceRuns === 1);
  assert.equal(await page.locator('#consent').textContent(), 'mesure acceptée');
  await page.locator('[data-cookie-charter-table] table').waitFor();
  assert.equal(await page.locator('[data-cookie-charter-table] tr.cookie-charter__row').count(), 5, 'mount(options) was obeyed: saintnazaire preset');
  assert.deepEqual(errors(), []);
  assert.deepEqual(missing, []);
  await context.close();
});
