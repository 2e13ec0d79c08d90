// Nothing leaks, round two, tried as a hostile page, a careless portal and an unlucky visitor
// would: the tools' consent defaults before any script a portal may place after the component,
// a fallback charter that loads nothing, consent only from the component's own buttons, one
// truth when the choice cannot be stored, and the hardening of placeholders, texts and the
// cookie's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  useDemoServer, openPage, consoleMessage, audienceRequested, preferencesCookie, BANNER as banner,
} from './browser.mjs';

const DEFAULT_CHARTER = readFileSync(new URL('../../crates/core/src/presets/default.json', import.meta.url), 'utf8');

/** A page: the component's tag with `attributes`, then `head` and `body` as given. */
function page({ attributes = '', head = '', body = '' }) {
  return (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title>
<link rel="icon" href="data:,">
<script type="module" src="/cookie-charter/cookie-charter.js" ${attributes}></script>
${head}</head><body><main><h1>Essai</h1>${body}</main>
<footer><a href="#" data-cookie-charter-open>Gérer mes cookies</a></footer></body></html>`);
  };
}

/**
 * A stand-in for a tool's script (gtag.js, matomo.js): when it runs, it records what it finds
 * in the page's dataLayer and _paq, as the real ones read them.
 */
function recorder(name) {
  return (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
    res.end(`(window.__seen = window.__seen || []).push({ name: ${JSON.stringify(name)},
  dataLayer: (window.dataLayer || []).map((entry) => Array.from(entry)),
  paq: (window._paq || []).map((command) => command[0]) });`);
  };
}

/** The default charter as a portal's own file, answered after `ms` milliseconds. */
function slowCharter(ms) {
  return (req, res) => setTimeout(() => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(DEFAULT_CHARTER);
  }, ms);
}

const TOOLS = 'data-google-consent-mode="true" data-matomo="true" data-audience-src="/stub-audience.js"';
// The page's own Matomo snippet (inline, before anything else runs) queues its page view.
const MATOMO_SNIPPET = '<script>window._paq = window._paq || []; window._paq.push(["trackPageView"]);</script>';
const PLACEHOLDER_PAGE = `<iframe title="Vidéo" width="480" height="270" data-cookie-service="youtube" data-src="/fixtures/blocked-frame.html"></iframe>`;
const SERVICES_CHARTER = JSON.stringify({
  portal: 'data.exemple.fr',
  categories: [
    { id: 'necessary', required: true, title: { fr: 'Cookies nécessaires' } },
    { id: 'embeds', title: { fr: 'Contenus intégrés' }, services: ['youtube', 'vimeo'] },
  ],
  cookies: [{ category: 'necessary', service: { fr: 'Session' }, name: 'sid', purpose: { fr: 'Session' } }],
});
const WITH_SERVICES = `<script type="application/json" data-cookie-charter-config>${SERVICES_CHARTER}</script>`;

const handlers = {
  '/rt/recorder-module.js': recorder('module'),
  '/rt/recorder-defer.js': recorder('defer'),
  '/rt/charter.json': slowCharter(800),
  '/rt/module.html': page({ attributes: TOOLS, head: `${MATOMO_SNIPPET}<script type="module" src="/rt/recorder-module.js"></script>` }),
  '/rt/defer.html': page({ attributes: TOOLS, head: `${MATOMO_SNIPPET}<script defer src="/rt/recorder-defer.js"></script>` }),
  '/rt/charter-module.html': page({
    attributes: `${TOOLS} data-charter="/rt/charter.json"`,
    head: `${MATOMO_SNIPPET}<script type="module" src="/rt/recorder-module.js"></script>`,
  }),
  '/rt/charter-defer.html': page({
    attributes: `${TOOLS} data-charter="/rt/charter.json"`,
    head: `${MATOMO_SNIPPET}<script defer src="/rt/recorder-defer.js"></script>`,
  }),
  '/rt/fallback-404.html': page({
    attributes: 'data-charter="/rt/missing.json" data-audience-src="/stub-audience.js"',
    body: '<script type="text/plain" data-cookie-category="audience">window.__blockedRuns = (window.__blockedRuns || 0) + 1;</script>',
  }),
  '/rt/fallback-preset.html': page({
    attributes: 'data-preset="paris" data-audience-src="/stub-audience.js"',
    body: '<script type="text/plain" data-cookie-category="audience">window.__blockedRuns = (window.__blockedRuns || 0) + 1;</script>',
  }),
  '/rt/hostile-link.html': page({
    head: WITH_SERVICES,
    body: `<p>Description du jeu de données : <a id="hostile" href="#suite" data-allow-service="youtube">voir la vidéo</a></p>${PLACEHOLDER_PAGE}`,
  }),
  '/rt/dropped-writes.html': page({ attributes: `${TOOLS} data-piano="true"`, head: MATOMO_SNIPPET }),
  '/rt/sessionid.html': page({ attributes: 'data-cookie-name="sessionid" data-audience-src="/stub-audience.js"' }),
  '/rt/embeds.html': page({
    head: WITH_SERVICES,
    body: `<section id="one">${PLACEHOLDER_PAGE}</section><section id="two">${PLACEHOLDER_PAGE}</section>
<iframe id="hidden" hidden title="Caché" data-cookie-service="youtube" data-src="/fixtures/blocked-frame.html"></iframe>
<img id="pixel" width="0" height="0" alt="" data-cookie-service="vimeo" data-src="/fixtures/thumb.svg">
<template id="later" data-cookie-service="vimeo"><p id="vimeo-content">Vidéo Vimeo</p></template>`,
  }),
  '/rt/english.html': (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/cookie-charter/cookie-charter.js"></script></head><body><h1>Portal</h1></body></html>`);
  },
};

const env = useDemoServer({}, {}, { handlers });

const GOOGLE_DEFAULT = ['consent', 'default', {
  analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
  wait_for_update: 500,
}];

/** Opens `path` and returns what the stand-in script found when it ran. */
async function seenBy(tab, path) {
  await tab.page.goto(`${env.server.url}${path}`);
  await tab.page.waitForFunction(() => window.__seen && window.__seen.length > 0);
  return tab.page.evaluate(() => window.__seen[0]);
}

for (const path of ['/rt/module.html', '/rt/defer.html', '/rt/charter-module.html', '/rt/charter-defer.html']) {
  test(`${path}: a tool's script placed after the tag finds Consent Mode's default and requireCookieConsent first`, async () => {
    const tab = await openPage(env.browser);
    const seen = await seenBy(tab, path);
    assert.deepEqual(seen.dataLayer[0], GOOGLE_DEFAULT, JSON.stringify(seen));
    assert.deepEqual(seen.paq.slice(0, 2), ['requireCookieConsent', 'trackPageView'], JSON.stringify(seen));
    await tab.context.close();
  });
}

test('with data-charter, a returning refuser\'s tools find the default too (before the charter arrives)', async () => {
  const tab = await openPage(env.browser);
  await seenBy(tab, '/rt/charter-module.html');
  await tab.page.waitForSelector(banner, { state: 'visible' });
  await tab.page.evaluate(() => window.CookieCharter.refuseAll());
  const seen = await seenBy(tab, '/rt/charter-module.html');
  assert.deepEqual(seen.dataLayer, [GOOGLE_DEFAULT], 'the stored refusal\'s update comes after the charter');
  assert.deepEqual(seen.paq.slice(0, 2), ['requireCookieConsent', 'trackPageView']);
  await tab.page.waitForFunction(() => window.dataLayer.length === 2);
  assert.equal(await tab.page.evaluate(() => window.dataLayer[1][2].analytics_storage), 'denied');
  await tab.context.close();
});

for (const path of ['/rt/fallback-404.html', '/rt/fallback-preset.html']) {
  test(`${path}: a fallback charter runs none of the page's blocked tags, accepted or returning`, async () => {
    const { page, context, requests, console: messages } = await openPage(env.browser);
    await page.goto(`${env.server.url}${path}`);
    await page.waitForSelector(banner, { state: 'visible' });
    // A first visit's banner shows before the first layer has started and said so.
    await consoleMessage(page, messages, 'error', 'loading nothing optional');
    await page.click('text=Tout accepter');
    await page.waitForSelector(banner, { state: 'detached' });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => window.__blockedRuns ?? 0), 0, 'the blocked tag stayed blocked');
    assert.equal(audienceRequested(requests), false);
    assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().audience), false, 'the API says what is applied');
    await page.reload();
    await page.waitForSelector('#cookie-charter', { state: 'attached' });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator(banner).count(), 0, 'the choice is kept');
    assert.equal(await page.evaluate(() => window.__blockedRuns ?? 0), 0, 'and still nothing runs');
    assert.equal(audienceRequested(requests), false);
    await context.close();
  });
}

test('consent comes only from a real press of the component\'s own "Autoriser et afficher", which then holds the focus', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}/rt/hostile-link.html`);
  const placeholder = '[data-cookie-charter-placeholder=youtube]';
  await page.waitForSelector(placeholder, { state: 'visible' });
  await page.click('#hostile');
  await page.evaluate(() => document.querySelector('[data-cookie-charter-placeholder=youtube] button').click());
  await page.evaluate(() => document.querySelector('[data-cookie-charter-placeholder=youtube] button')
    .dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent()), null, 'no consent from the page\'s link or script');
  assert.equal(await page.locator('iframe[data-cookie-service=youtube]').getAttribute('src'), null);
  await page.locator(`${placeholder} button`).focus();
  await page.keyboard.press('Enter');
  await page.frameLocator('iframe[data-cookie-service=youtube]').locator('#frame-ran').waitFor();
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().services.youtube), true);
  assert.equal(await page.evaluate(() => document.activeElement.matches('iframe[data-cookie-service=youtube]')), true,
    'the focus is on the embed, not on <body>');
  await context.close();
});

/** An init script that drops every write to document.cookie (reads still work). */
const dropCookieWrites = () => {
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { return native.get.call(this); },
    set() {},
  });
};

/** What the page's tools and listeners were told, on the dropped-writes page. */
async function told(page) {
  return page.evaluate(() => ({
    granted: (window.dataLayer || []).some((e) => e[2] && e[2].analytics_storage === 'granted'),
    paq: (window._paq || []).map((c) => c[0]),
    piano: window.pdl && window.pdl.consent.defaultPreset.PA,
    consent: window.CookieCharter.getConsent(),
    changes: window.__changes,
  }));
}

test('cookie writes silently dropped: after "Tout accepter" every tool, the API and the event say refused', async () => {
  const { page, context, requests, console: messages } = await openPage(env.browser);
  await context.addInitScript(dropCookieWrites);
  await context.addInitScript(() => {
    window.__changes = [];
    document.addEventListener('cookie-charter:change', (e) => window.__changes.push(e.detail.audience));
  });
  await page.goto(`${env.server.url}/rt/dropped-writes.html`);
  await page.waitForSelector(banner, { state: 'visible' });
  await page.click('text=Tout accepter');
  await page.waitForSelector(banner, { state: 'detached' });
  await page.waitForLoadState('networkidle');
  const t = await told(page);
  assert.equal(t.granted, false, 'no analytics_storage granted');
  assert.ok(!t.paq.includes('rememberCookieConsentGiven') && t.paq.includes('forgetCookieConsentGiven'), JSON.stringify(t.paq));
  assert.equal(t.piano, 'opt-out');
  assert.equal(t.consent.audience, false);
  assert.deepEqual(t.changes, [false]);
  assert.equal(audienceRequested(requests), false);
  assert.ok(messages.some((m) => m.type === 'error' && m.text.includes('cookies are disabled')), JSON.stringify(messages));
  await context.close();
});

test('a returning acceptor whose cookie can be read but not rewritten: nothing is loaded, and nobody is told otherwise', async () => {
  const first = await openPage(env.browser);
  await first.page.goto(`${env.server.url}/rt/dropped-writes.html`);
  await first.page.click('text=Tout accepter');
  const stored = await preferencesCookie(first.context);
  assert.equal(stored.json.c.audience, true);
  await first.context.close();

  const { page, context, requests } = await openPage(env.browser);
  await context.addCookies([{ name: stored.name, value: stored.value, url: env.server.url }]);
  await context.addInitScript(dropCookieWrites);
  await page.goto(`${env.server.url}/rt/dropped-writes.html`);
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  const t = await told(page);
  assert.equal(t.granted, false);
  assert.ok(!t.paq.includes('setCookieConsentGiven'), JSON.stringify(t.paq));
  assert.equal(t.piano, 'opt-out');
  assert.equal(t.consent.audience, false);
  assert.equal(audienceRequested(requests), false);
  await context.close();
});

test('a language module that never answers: the banner shows in French after a while, with one error', async () => {
  const { page, context, console: messages } = await openPage(env.browser);
  await context.route('**/cookie-charter-lang-en.js', () => {});
  await page.goto(`${env.server.url}/rt/english.html`);
  await page.waitForSelector(banner, { state: 'visible', timeout: 15000 });
  assert.equal(await page.locator(`${banner} [data-action=accept-all]`).textContent(), 'Tout accepter');
  const errors = messages.filter((m) => m.type === 'error' && m.text.includes('did not arrive in time'));
  assert.equal(errors.length, 1, JSON.stringify(messages));
  await context.close();
});

test('data-cookie-name naming one of the charter\'s cookies (sessionid) is refused: the portal\'s cookie is never overwritten', async () => {
  const { page, context, console: messages } = await openPage(env.browser);
  await context.addCookies([{ name: 'sessionid', value: 'portal-session', url: env.server.url }]);
  await page.goto(`${env.server.url}/rt/sessionid.html`);
  await page.waitForSelector(banner, { state: 'visible' });
  assert.ok(messages.some((m) => m.type === 'error' && m.text.includes('data-cookie-name') && m.text.includes('sessionid')),
    JSON.stringify(messages));
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  const cookies = await context.cookies();
  assert.equal(cookies.find((c) => c.name === 'sessionid').value, 'portal-session');
  assert.equal((await preferencesCookie(context)).json.c.audience, true, 'kept under the default name');
  await context.close();
});

test('embeds: unique ids, none for what the page hides, a placeholder for one added later, hidden ones left hidden', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}/rt/embeds.html`);
  await page.waitForSelector('[data-cookie-charter-placeholder]', { state: 'visible' });
  // Two visible YouTube embeds and the Vimeo template: three placeholders, each titled by an id of its own.
  const labelled = await page.$$eval('[data-cookie-charter-placeholder]', (all) => all.map((p) => ({
    service: p.dataset.cookieCharterPlaceholder,
    id: p.getAttribute('aria-labelledby'),
    found: document.querySelectorAll(`[id="${p.getAttribute('aria-labelledby')}"]`).length,
  })));
  assert.deepEqual(labelled.map((l) => l.service), ['youtube', 'youtube', 'vimeo']);
  assert.equal(new Set(labelled.map((l) => l.id)).size, 3, JSON.stringify(labelled));
  assert.ok(labelled.every((l) => l.found === 1), JSON.stringify(labelled));
  // An embed the page adds after it was parsed, as a single-page application does.
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.id = 'added';
    frame.title = 'Ajoutée';
    frame.dataset.cookieService = 'youtube';
    frame.dataset.src = '/fixtures/blocked-frame.html';
    document.querySelector('main').append(frame);
  });
  await page.waitForFunction(() => document.querySelectorAll('[data-cookie-charter-placeholder=youtube]').length === 3);
  await page.evaluate(() => window.CookieCharter.acceptAll());
  await page.waitForFunction(() => document.querySelector('#added').getAttribute('src') !== null);
  assert.equal(await page.locator('[data-cookie-charter-placeholder]').count(), 0);
  assert.equal(await page.evaluate(() => document.querySelector('#hidden').hidden), true, 'the page\'s own hidden stays');
  assert.notEqual(await page.locator('#hidden').getAttribute('src'), null, 'but it is allowed');
  assert.notEqual(await page.locator('#pixel').getAttribute('src'), null);
  await page.waitForSelector('#vimeo-content');
  // Once allowed, an embed added later loads at once.
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.id = 'after';
    frame.title = 'Après';
    frame.dataset.cookieService = 'youtube';
    frame.dataset.src = '/fixtures/blocked-frame.html';
    document.querySelector('main').append(frame);
  });
  await page.waitForFunction(() => document.querySelector('#after').getAttribute('src') !== null);
  await context.close();
});
