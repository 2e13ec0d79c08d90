// Shared set-up of the end-to-end tests: the demo server and Debian's Chromium, driven by
// playwright-core (no browser download).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

/**
 * Starts the server and the browser (with `browserArgs` besides the usual ones, and without
 * Playwright's `ignoreDefaultArgs`); returns { server, browser, close() }.
 */
export async function launch({ browserArgs = [], ignoreDefaultArgs = [], ...serverOptions } = {}) {
  const server = await startServer(serverOptions);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...browserArgs], ignoreDefaultArgs });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The folder of the test pages, served under /fixtures/. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Selectors of the banner and the preferences panel. */
export const BANNER = '.cookie-charter__banner';
export const PANEL = '.cookie-charter__panel';

/**
 * For a test file: starts the demo server (with tests/e2e/fixtures/ under /fixtures/, plus
 * `extraMounts`: URL prefix → folder; `headers`: path → extra response headers; `options`:
 * `handlers` for the server, `browserArgs` / `ignoreDefaultArgs` for Chromium) and the browser
 * before its tests, closes them after. Returns the environment, filled in by `before`.
 */
export function useDemoServer(extraMounts = {}, headers = {}, options = {}) {
  const env = {};
  before(async () => {
    Object.assign(env, await launch({ mounts: { '/fixtures/': FIXTURES, ...extraMounts }, headers, ...options }));
  });
  after(async () => {
    await env.close?.();
  });
  return env;
}

/**
 * Opens a new, cookie-less browser context and page that records every request URL and every
 * console message. Returns { context, page, requests, console }.
 */
export async function openPage(browser) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const requests = [];
  const messages = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => messages.push({ type: msg.type(), text: msg.text() }));
  page.on('pageerror', (err) => messages.push({ type: 'pageerror', text: String(err) }));
  return { context, page, requests, console: messages };
}

/**
 * Waits until a recorded console message of `type` includes `text` (the reasons of refused
 * settings come with a module of their own, after the banner may show), and returns it.
 */
export async function consoleMessage(page, messages, type, text, timeout = 5000) {
  const found = () => messages.find((m) => m.type === type && m.text.includes(text));
  for (const start = Date.now(); !found() && Date.now() - start < timeout;) await page.waitForTimeout(25);
  assert.ok(found(), `a console ${type} with ${JSON.stringify(text)}: ${JSON.stringify(messages)}`);
  return found();
}

/** Whether any recorded request fetched the audience script. */
export function audienceRequested(requests) {
  return requests.some((url) => new URL(url).pathname === '/stub-audience.js');
}

/** The decoded JSON of the cookies_preferences cookie in `context`, or null. */
export async function preferencesCookie(context) {
  const cookie = (await context.cookies()).find((c) => c.name === 'cookies_preferences');
  return cookie ? { ...cookie, json: JSON.parse(decodeURIComponent(cookie.value)) } : null;
}

/**
 * Opens `path` of the test server in a fresh context (after `setup(context)`, if given) and
 * waits until the component has started (or failed to). Returns what openPage returns.
 */
export async function visit(env, path, setup) {
  const tab = await openPage(env.browser);
  if (setup) await setup(tab.context);
  await tab.page.goto(env.server.url + path);
  await tab.page.waitForSelector('#cookie-charter', { state: 'attached' });
  // A first visit's banner is drawn before the first layer has started (it adopts it then).
  await tab.page.evaluate(() => window[Symbol.for('cookie-charter')]?.mounted.catch(() => {}));
  return tab;
}
