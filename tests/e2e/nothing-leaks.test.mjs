// Nothing leaks, tried as a hostile page and an unlucky visitor would: stale copies of the
// consent cookie on other paths and domains, browser APIs that throw, a tag that runs in <head>
// before the body exists, the README's input rules, and printing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useDemoServer, openPage, consoleMessage, FIXTURES, audienceRequested, preferencesCookie, BANNER as banner, PANEL as panel,
} from './browser.mjs';

const NAME = 'cookies_preferences';

// Streamed pages: the head (with an `async` module tag) is sent at once, the body only when the
// test opens the gate. `gates[path]` is set by each test before it navigates.
const gates = {};
const order = [];
function streamed(head, body) {
  return async (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.write(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page lente</title>
<script type="module" async src="/cookie-charter/cookie-charter.js" data-audience-src="/stub-audience.js"></script>
${head}</head>`);
    await gates[req.url.split('?')[0]];
    order.push('body');
    res.end(`<body><main><h1>Page lente</h1></main>${body}
<footer><a href="#" data-cookie-charter-open>Gérer mes cookies</a></footer></body></html>`);
  };
}

const env = useDemoServer(
  { '/t/dup/': FIXTURES },
  {},
  {
    browserArgs: ['--host-resolver-rules=MAP *.portal.test 127.0.0.1'],
    handlers: {
      '/streamed/plain.html': streamed('', ''),
      '/streamed/blocked.html': streamed('', `<script type="text/plain" data-cookie-category="audience">
window.__blockedRuns = (window.__blockedRuns || 0) + 1;</script>`),
      '/streamed/charter.html': streamed('', '<div data-cookie-charter-table></div>'),
    },
  },
);

/** The default charter's revision, as the component writes it. */
let revision = null;
async function currentRevision() {
  if (revision) return revision;
  const { page, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}/fixtures/plain.html`);
  await page.waitForSelector(banner, { state: 'visible' });
  await page.evaluate(() => window.CookieCharter.refuseAll());
  revision = (await preferencesCookie(context)).json.r;
  await context.close();
  return revision;
}

/** A cookies_preferences value: the documented v1 JSON, URI-encoded. */
function value({ audience, age, r, c }) {
  const t = Math.floor(Date.now() / 1000) - age;
  return encodeURIComponent(JSON.stringify({ v: 1, t, r, c: c ?? { audience, necessary: true } }));
}

/** Sets `assignments` (document.cookie strings) from a page of `origin` without the component. */
async function setCookies(page, origin, assignments) {
  await page.goto(`${origin}/fixtures/no-component.html`);
  await page.evaluate((list) => { for (const a of list) document.cookie = a; }, assignments);
}

/** Every cookies_preferences the browser holds, as { domain, path, audience }. */
async function copies(context) {
  return (await context.cookies())
    .filter((c) => c.name === NAME)
    .map((c) => ({ domain: c.domain, path: c.path, audience: JSON.parse(decodeURIComponent(c.value)).c.audience }));
}

/** Opens `url` and waits until the component has started and the network is quiet. */
async function open(page, url) {
  await page.goto(url);
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  await page.waitForLoadState('networkidle');
}

test('a stale acceptance on a longer path loses to the newer refusal on Path=/', async () => {
  const r = await currentRevision();
  const { page, context, requests, console: messages } = await openPage(env.browser);
  await setCookies(page, env.server.url, [
    `${NAME}=${value({ audience: true, age: 100, r })}; Path=/t/dup/`,
    `${NAME}=${value({ audience: false, age: 50, r })}; Path=/`,
  ]);
  const cookieHeader = await page.evaluate(() => document.cookie);
  assert.equal(cookieHeader.split(NAME).length - 1, 1, 'on / only the refusal is visible');
  await open(page, `${env.server.url}/t/dup/plain.html`);
  assert.equal(await page.evaluate(() => document.cookie.split('cookies_preferences=').length - 1), 2,
    'both copies are visible on /t/dup/, the acceptance listed first');
  assert.equal(audienceRequested(requests), false, 'the audience script is not requested');
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().audience), false);
  assert.equal(await page.locator(banner).count(), 0, 'the refusal is a choice: no banner');
  assert.ok(messages.some((m) => m.type === 'warning' && m.text.includes(`2 copies of ${NAME}`)),
    JSON.stringify(messages));
  await context.close();
});

test('a withdrawal removes the stale acceptance on the longer path, and the next page loads nothing', async () => {
  const r = await currentRevision();
  const { page, context, requests } = await openPage(env.browser);
  await setCookies(page, env.server.url, [`${NAME}=${value({ audience: true, age: 100, r })}; Path=/t/dup/`]);
  await open(page, `${env.server.url}/t/dup/plain.html`);
  await page.waitForSelector('#audience-badge');
  await page.click('text=Gérer mes cookies');
  await page.waitForSelector(panel, { state: 'visible' });
  await page.getByRole('switch', { name: "Mesure d'audience" }).uncheck();
  await page.click('text=Enregistrer mes choix');
  await page.waitForSelector(panel, { state: 'detached' });
  assert.deepEqual(await copies(context), [{ domain: 'localhost', path: '/', audience: false }],
    'one copy left: the refusal on Path=/');
  requests.length = 0;
  await open(page, `${env.server.url}/t/dup/plain.html`);
  assert.equal(audienceRequested(requests), false);
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().audience), false);
  await context.close();
});

test('data-cookie-domain added later: the newer Domain= refusal beats an older host-only acceptance; reset() removes both', async () => {
  const r = await currentRevision();
  const origin = env.server.url.replace('localhost', 'www.portal.test');
  const { page, context, requests } = await openPage(env.browser);
  await setCookies(page, origin, [
    `${NAME}=${value({ audience: true, age: 100, r })}; Path=/`,
    `${NAME}=${value({ audience: false, age: 50, r })}; Path=/; Domain=portal.test`,
  ]);
  assert.deepEqual((await copies(context)).map((c) => c.domain).sort(), ['.portal.test', 'www.portal.test']);
  await open(page, `${origin}/fixtures/cookie-domain.html`);
  assert.equal(audienceRequested(requests), false);
  assert.equal(await page.evaluate(() => window.CookieCharter.getConsent().audience), false);

  await page.evaluate(() => window.CookieCharter.reset());
  await page.waitForSelector(banner, { state: 'visible' });
  assert.deepEqual(await copies(context), [], 'reset() removes the host-only copy too');

  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  assert.deepEqual(await copies(context), [{ domain: '.portal.test', path: '/', audience: true }]);

  // A new choice removes any stale host-only copy as it writes the shared one.
  await setCookies(page, origin, [`${NAME}=${value({ audience: true, age: 10, r })}; Path=/`]);
  assert.equal((await copies(context)).length, 2);
  await open(page, `${origin}/fixtures/cookie-domain.html`);
  await page.evaluate(() => window.CookieCharter.refuseAll());
  assert.deepEqual(await copies(context), [{ domain: '.portal.test', path: '/', audience: false }]);
  await context.close();
});

// Each of these makes one browser API (or one of the page's own functions) throw.
const SABOTAGE = {
  'localStorage (its getter throws SecurityError)': {
    init: () => Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    }),
    warning: 'receipt could not be kept',
    receiptKept: false,
  },
  'navigator.sendBeacon': {
    init: () => { navigator.sendBeacon = () => { throw new TypeError('sendBeacon is broken'); }; },
    warning: 'receipt could not be sent',
    receiptKept: true,
  },
  'crypto.getRandomValues': {
    init: () => { crypto.getRandomValues = () => { throw new Error('no randomness here'); }; },
    warning: 'without a receipt',
    receiptKept: false,
  },
  'the page\'s dataLayer.push (Google Consent Mode)': {
    init: () => {
      const broken = [];
      broken.push = () => { throw new Error('dataLayer is broken'); };
      Object.defineProperty(window, 'dataLayer', { get: () => broken, set: () => {} });
    },
    warning: 'dataLayer.push threw',
    receiptKept: true,
  },
  'the page\'s _paq.push (Matomo)': {
    init: () => {
      const broken = [];
      broken.push = () => { throw new Error('_paq is broken'); };
      broken.unshift = broken.push;
      Object.defineProperty(window, '_paq', { get: () => broken, set: () => {} });
    },
    warning: '_paq.push threw',
    receiptKept: true,
  },
  'the page\'s Element.prototype.remove, on the consent dialogs': {
    init: () => {
      const remove = Element.prototype.remove;
      Element.prototype.remove = function () {
        if (this.closest?.('#cookie-charter')) throw new Error('remove is broken');
        return remove.call(this);
      };
    },
    warning: 'the page\'s DOM threw',
    receiptKept: true,
  },
  'a cookie-charter:change listener of the portal': {
    init: () => document.addEventListener('cookie-charter:change', () => { throw new Error('a portal listener failed'); }),
    warning: null,
    receiptKept: true,
  },
};

for (const [name, { init, warning, receiptKept }] of Object.entries(SABOTAGE)) {
  test(`with ${name} throwing, accepting and withdrawing still do everything else`, async () => {
    const { page, context, console: messages } = await openPage(env.browser);
    await context.addInitScript(init);
    await context.addInitScript(() => {
      window.__changes = [];
      document.addEventListener('cookie-charter:change', (e) => window.__changes.push(e.detail && e.detail.audience));
    });
    await page.goto(`${env.server.url}/fixtures/failing-apis.html`);
    await page.waitForSelector(banner, { state: 'visible' });

    const accepted = await page.evaluate(() => window.CookieCharter.acceptAll());
    assert.equal(accepted.audience, true, 'acceptAll() resolves with the choice');
    await page.waitForSelector('#audience-badge');
    assert.equal(await page.evaluate(() => window.__audienceRuns), 1, 'the audience script ran on this page');
    assert.equal((await preferencesCookie(context)).json.c.audience, true, 'the cookie is stored');
    const names = async () => (await context.cookies()).map((c) => c.name);
    assert.ok((await names()).includes('_pk_id.1.d3m0'), 'the audience script set its cookies');
    const receipt = await page.evaluate(() => window.CookieCharter.getReceipt());
    const stored = (await preferencesCookie(context)).json;
    if (receiptKept) assert.equal(receipt.id, stored.i, 'the receipt is kept under the cookie\'s id');
    else assert.equal(receipt, null, 'getReceipt() answers null instead of throwing');

    const refused = await page.evaluate(() => window.CookieCharter.refuseAll());
    assert.equal(refused.audience, false, 'refuseAll() resolves with the withdrawal');
    assert.equal((await preferencesCookie(context)).json.c.audience, false);
    const left = await names();
    for (const erased of ['_pk_id.1.d3m0', '_pk_ses.1.d3m0', '_ga', '_ga_D3M0']) {
      assert.ok(!left.includes(erased), `${erased} erased after the withdrawal (left: ${left})`);
    }
    assert.deepEqual(await page.evaluate(() => window.__changes), [true, false], 'both change events fired');
    if (warning) {
      assert.ok(messages.some((m) => m.text.includes('[cookie-charter]') && m.text.includes(warning)),
        `a console message says "${warning}": ${JSON.stringify(messages)}`);
    }
    assert.ok(!messages.some((m) => m.text.includes('RuntimeError') || m.text.includes('unreachable')),
      `no wasm trap: ${JSON.stringify(messages)}`);
    await context.close();
  });
}

test('with localStorage throwing, the banner\'s "Tout accepter" loads the audience script at once', async () => {
  const { page, context } = await openPage(env.browser);
  await context.addInitScript(SABOTAGE['localStorage (its getter throws SecurityError)'].init);
  await page.goto(`${env.server.url}/fixtures/plain.html`);
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.evaluate(() => window.CookieCharter.getReceipt()), null, 'no receipt, no exception');
  await context.close();
});

/** Opens the page at `path` with its body held until `release` resolves; records the order. */
async function openStreamed(page, path, release) {
  order.length = 0;
  gates[path] = release;
  await page.goto(`${env.server.url}${path}`, { waitUntil: 'commit' });
}

/** A promise resolved when `page` requests a URL whose path ends with `suffix` (or after 5 s). */
function requested(page, suffix, then = () => {}) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    page.on('request', (req) => {
      if (new URL(req.url()).pathname.endsWith(suffix)) {
        order.push(suffix);
        clearTimeout(timer);
        then(resolve);
      }
    });
  });
}

test('a tag in <head> that runs before the body exists shows the banner once the body comes', async () => {
  const { page, context, console: messages } = await openPage(env.browser);
  // The body is held until the first layer was requested, and half a second more.
  const release = requested(page, '/cookie-charter.js', (resolve) => setTimeout(resolve, 500));
  await openStreamed(page, '/streamed/plain.html', release);
  await page.waitForSelector(banner, { state: 'visible' });
  assert.deepEqual(order, ['/cookie-charter.js', 'body']);
  assert.ok(!messages.some((m) => m.text.includes('no <body>')), JSON.stringify(messages));
  await page.click('text=Gérer mes cookies');
  await page.waitForSelector(panel, { state: 'visible' });
  await context.close();
});

test('a tag in <head>: a returning visitor\'s acceptance loads the audience script before the body arrives, and blocked tags in the body after', async () => {
  const r = await currentRevision();
  const { page, context } = await openPage(env.browser);
  await setCookies(page, env.server.url, [`${NAME}=${value({ audience: true, age: 10, r })}; Path=/`]);
  // The body is held until the audience script is requested (5 s at most: then the test fails).
  const release = requested(page, '/stub-audience.js', (resolve) => resolve());
  await openStreamed(page, '/streamed/blocked.html', release);
  await page.waitForSelector('#audience-badge');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(order, ['/stub-audience.js', 'body'], 'the audience script was requested before the body was sent');
  assert.equal(await page.evaluate(() => window.__blockedRuns), 1, 'the blocked tag further down ran once');
  assert.equal(await page.locator(banner).count(), 0);
  await context.close();
});

test('a tag in <head> on the charter page: the table is rendered once the page is parsed', async () => {
  const { page, context } = await openPage(env.browser);
  const release = requested(page, '/cookie-charter.js', (resolve) => setTimeout(resolve, 500));
  await openStreamed(page, '/streamed/charter.html', release);
  await page.waitForSelector('.cookie-charter__table', { state: 'visible' });
  await page.waitForSelector(banner, { state: 'visible' });
  assert.equal(await page.locator('#cookie-charter').count(), 1, 'one consent UI');
  assert.ok(await page.locator('.cookie-charter__table td').count() > 3);
  await context.close();
});

test('data-audience-src with leading white space is refused with an error, as the README says', async () => {
  const { page, context, requests, console: messages } = await openPage(env.browser);
  await open(page, `${env.server.url}/fixtures/spaced-audience-src.html`);
  const refused = await consoleMessage(page, messages, 'error', 'data-audience-src=');
  assert.match(refused.text, /white space/);
  await page.click('text=Tout accepter');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await context.close();
});

test('a stored value lacking a category, or refusing the necessary one, is no choice', async () => {
  const r = await currentRevision();
  for (const c of [{ necessary: true }, { audience: true }, { audience: true, necessary: false }]) {
    const { page, context, requests } = await openPage(env.browser);
    await setCookies(page, env.server.url, [`${NAME}=${value({ age: 10, r, c })}; Path=/`]);
    await open(page, `${env.server.url}/fixtures/plain.html`);
    await page.waitForSelector(banner, { state: 'visible' });
    assert.equal(audienceRequested(requests), false, JSON.stringify(c));
    assert.equal(await page.evaluate(() => window.CookieCharter.getConsent()), null);
    await context.close();
  }
});

test('the banner is not printed', async () => {
  const { page, context } = await openPage(env.browser);
  await open(page, `${env.server.url}/`);
  await page.waitForSelector(banner, { state: 'visible' });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator(banner).isVisible(), false);
  assert.equal(await page.locator('h1').isVisible(), true, 'the page itself prints');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator(banner).isVisible(), true);
  await context.close();
});
