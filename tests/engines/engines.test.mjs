// The core end-to-end scenarios, one list run in Chromium, Firefox and WebKit (see drivers.mjs).
// Run by the README test command as `xvfb-run -a node --test tests/engines/` (WebKit needs a
// display). An engine that cannot start fails its tests with a message saying what it needs.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';
import { DRIVERS, runScenarios } from './drivers.mjs';

const FIXTURES = fileURLToPath(new URL('../e2e/fixtures/', import.meta.url));
const BANNER = '.cookie-charter__banner';
const PANEL = '.cookie-charter__panel';

let server;
before(async () => {
  server = await startServer({
    mounts: { '/fixtures/': FIXTURES },
    headers: { '/fixtures/csp-watched.html': { 'Content-Security-Policy': STRICT_CSP } },
  });
});
after(() => server?.close());

// In-page probes (plain functions, sent as source to every engine).
const exists = (selector) => document.querySelector(selector) !== null;
const visible = (selector) => {
  const el = document.querySelector(selector);
  return el !== null && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
};
const clickOn = (selector) => {
  document.querySelector(selector).click();
  return true;
};
const audienceRequested = () => performance.getEntriesByType('resource')
  .some((e) => new URL(e.name).pathname === '/stub-audience.js');
const storedChoice = () => {
  const pair = document.cookie.split('; ').find((c) => c.startsWith('cookies_preferences='));
  return pair ? JSON.parse(decodeURIComponent(pair.slice('cookies_preferences='.length))) : null;
};
const runs = () => window.__audienceRuns ?? 0;
const frameRan = (selector) => {
  const frame = document.querySelector(selector);
  return Boolean(frame?.getAttribute('src') && frame.contentDocument?.getElementById('frame-ran'));
};

/** Polls `probe(...args)` in the page until it returns something truthy (5 s at most). */
async function until(session, what, probe, ...args) {
  for (let i = 0; i < 100; i++) {
    const value = await session.evaluate(probe, ...args).catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never happened`);
}

/** Whether the component has started (or failed to): the module's start, seen settled. */
const started = () => {
  const registered = window[Symbol.for('cookie-charter')];
  if (registered && !registered.watched) {
    registered.watched = true;
    registered.mounted.then(() => { registered.settled = true; }, () => { registered.settled = true; });
  }
  return registered?.settled === true;
};

/**
 * Opens `path` and waits until the component has started: a first visit's banner shows before
 * it has (the first layer adopts it then), and the page's own links wait for it.
 */
async function open(session, path) {
  await session.goto(server.url + path);
  await until(session, 'the component starts', exists, '#cookie-charter');
  await until(session, 'the component starts', started);
}

/** Lets the page settle (scripts it was told to load have loaded). */
const settle = () => new Promise((r) => setTimeout(r, 400));

const SCENARIOS = {
  async 'first visit: the banner, and nothing optional requested'(s) {
    await open(s, '/');
    await until(s, 'the banner shows', visible, BANNER);
    await settle();
    assert.equal(await s.evaluate(audienceRequested), false);
    assert.equal(await s.evaluate(storedChoice), null);
  },
  async '"Tout refuser": the refusal is stored, nothing loaded, still nothing after a reload'(s) {
    await open(s, '/');
    await until(s, 'the banner shows', visible, BANNER);
    await s.evaluate(clickOn, `${BANNER} [data-action=refuse-all]`);
    await until(s, 'the banner closes', (sel) => !document.querySelector(sel), BANNER);
    assert.equal((await s.evaluate(storedChoice)).c.audience, false);
    await open(s, '/');
    await settle();
    assert.equal(await s.evaluate(exists, BANNER), false);
    assert.equal(await s.evaluate(audienceRequested), false);
  },
  async '"Tout accepter": the audience script runs once, and again after a reload'(s) {
    await open(s, '/');
    await until(s, 'the banner shows', visible, BANNER);
    await s.evaluate(clickOn, `${BANNER} [data-action=accept-all]`);
    await until(s, 'the audience script runs', runs);
    await settle();
    assert.equal(await s.evaluate(runs), 1);
    assert.equal((await s.evaluate(storedChoice)).c.audience, true);
    await open(s, '/');
    await until(s, 'the audience script runs again', runs);
    assert.equal(await s.evaluate(exists, BANNER), false);
  },
  async '"Personnaliser", audience on, save: the script loads'(s) {
    await open(s, '/');
    await until(s, 'the banner shows', visible, BANNER);
    await s.evaluate(clickOn, `${BANNER} [data-action=customise]`);
    await until(s, 'the panel opens', visible, PANEL);
    assert.equal(await s.evaluate(audienceRequested), false);
    await s.evaluate(clickOn, `${PANEL} input[data-category=audience]`);
    await s.evaluate(clickOn, `${PANEL} [data-action=save]`);
    await until(s, 'the audience script runs', runs);
    assert.equal((await s.evaluate(storedChoice)).c.audience, true);
  },
  async '"Gérer mes cookies" opens the panel on the stored choice'(s) {
    await open(s, '/');
    await until(s, 'the banner shows', visible, BANNER);
    await s.evaluate(clickOn, `${BANNER} [data-action=refuse-all]`);
    await s.evaluate(clickOn, '[data-cookie-charter-open]');
    await until(s, 'the panel opens', visible, PANEL);
    const checked = await s.evaluate((sel) => document.querySelector(sel).checked, `${PANEL} input[data-category=audience]`);
    assert.equal(checked, false);
  },
  async 'the charter page shows every row'(s) {
    await open(s, '/charte-cookies.html');
    const rows = await until(s, 'the table is drawn',
      () => document.querySelectorAll('[data-cookie-charter-table] tr.cookie-charter__row').length);
    assert.equal(rows, 5);
  },
  async 'a strict Content-Security-Policy page: banner, panel and audience script, no violation'(s) {
    await open(s, '/fixtures/csp-watched.html');
    await until(s, 'the banner shows', visible, BANNER);
    await s.evaluate(clickOn, `${BANNER} [data-action=customise]`);
    await until(s, 'the panel opens', visible, PANEL);
    await s.evaluate(clickOn, `${PANEL} input[data-category=audience]`);
    await s.evaluate(clickOn, `${PANEL} [data-action=save]`);
    await until(s, 'the audience script runs', runs);
    assert.deepEqual(await s.evaluate(() => window.__violations), []);
  },
  async 'services: one service accepted from its switch loads its embed alone (cookie version 3)'(s) {
    await open(s, '/fixtures/services.html');
    await until(s, 'the banner shows', visible, BANNER);
    await s.evaluate(clickOn, `${BANNER} [data-action=customise]`);
    await until(s, 'the panel opens', visible, PANEL);
    await s.evaluate(clickOn, `${PANEL} input[data-service=youtube]`);
    await s.evaluate(clickOn, `${PANEL} [data-action=save]`);
    await until(s, 'the YouTube embed loads', frameRan, 'iframe[data-cookie-service=youtube]');
    await settle();
    assert.equal(await s.evaluate(() => window.__umapRuns ?? 0), 0);
    const stored = await s.evaluate(storedChoice);
    assert.equal(stored.v, 3);
    assert.equal(stored.c.embeds, '10');
  },
  async 'a placeholder at the embed\'s size; its button, pressed, accepts that service and loads it'(s) {
    const placeholder = '[data-cookie-charter-placeholder=youtube]';
    await open(s, '/fixtures/services.html');
    await until(s, 'the placeholder shows', visible, placeholder);
    assert.deepEqual(await s.evaluate((sel) => {
      const box = document.querySelector(sel);
      return [box.offsetWidth, box.offsetHeight];
    }, placeholder), [480, 270]);
    await settle();
    assert.equal(await s.evaluate(frameRan, 'iframe[data-cookie-service=youtube]'), false, 'nothing before consent');
    await s.evaluate(clickOn, `${placeholder} button`);
    await settle();
    assert.equal(await s.evaluate(frameRan, 'iframe[data-cookie-service=youtube]'), false, 'a click made by script grants nothing');
    await s.press(`${placeholder} button`);
    await until(s, 'the YouTube embed loads', frameRan, 'iframe[data-cookie-service=youtube]');
    assert.equal(await s.evaluate(exists, placeholder), false);
    assert.equal((await s.evaluate(storedChoice)).c.embeds, '10');
  },
  async 'a tampered cookie brings the banner back and loads nothing'(s) {
    await open(s, '/');
    await s.evaluate(() => {
      document.cookie = 'cookies_preferences=%7B%22v%22%3A1%2C%22c%22%3A%7B%22audience%22%3Atrue%7D%7D; Path=/';
      return true;
    });
    await open(s, '/');
    await until(s, 'the banner shows', visible, BANNER);
    await settle();
    assert.equal(await s.evaluate(audienceRequested), false);
  },
};

runScenarios(DRIVERS, SCENARIOS);
