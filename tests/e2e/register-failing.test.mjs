// A consent register that is down, slow (30 s) or answering 500 changes nothing for the visitor:
// the banner shows at once, the choice is kept by the banner's own cookie, the audience script
// loads after an acceptance and the next page reads the choice; the web team gets one console
// warning a page, nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, visit, audienceRequested, preferencesCookie, BANNER } from './browser.mjs';

const ENDPOINTS = ['receipts', 'impressions', 'choice'];
const failing = (answer) => Object.fromEntries(ENDPOINTS.map((e) => [e, answer]));
const handlers = {};
for (const [mode, answer] of Object.entries({
  500: (req, res) => {
    res.statusCode = 500;
    res.end('broken');
  },
  // Answers after 30 s, unless the browser gives up first.
  slow: (req, res) => {
    const timer = setTimeout(() => {
      res.statusCode = 204;
      res.end();
    }, 30_000);
    res.on('close', () => clearTimeout(timer));
  },
})) {
  for (const [endpoint, handler] of Object.entries(failing(answer))) {
    handlers[`/failing/${mode}/v1/portals/demo/${endpoint}`] = handler;
  }
}
const env = useDemoServer({}, {}, { handlers });

const REGISTERS = {
  down: 'http://127.0.0.1:9/v1/portals/demo',
  slow: '/failing/slow/v1/portals/demo',
  'answering 500': '/failing/500/v1/portals/demo',
};

for (const [state, register] of Object.entries(REGISTERS)) {
  test(`a register ${state} changes nothing for the visitor and is one console warning`, { timeout: 30_000 }, async () => {
    const page = `/fixtures/register-failing.html?register=${encodeURIComponent(register)}`;
    const tab = await visit(env, page);
    await tab.page.waitForSelector(BANNER, { state: 'visible', timeout: 3000 });
    await tab.page.click(`${BANNER} [data-action=accept-all]`);
    await tab.page.waitForSelector(BANNER, { state: 'detached' });
    const cookie = await preferencesCookie(tab.context);
    assert.equal(cookie.json.c.audience, true, 'the banner\'s own cookie holds the choice');
    for (let i = 0; i < 100 && !audienceRequested(tab.requests); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(audienceRequested(tab.requests), 'the audience script loads at once');

    const ours = () => tab.console.filter((m) => m.text.startsWith('[cookie-charter]'));
    // The banner gives up on a register after 5 s.
    for (let i = 0; i < 160 && ours().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(ours().map((m) => m.type), ['warning'], JSON.stringify(ours()));
    assert.match(ours()[0].text, /the consent register at .* did not answer/);

    // The next page reads the choice: no banner, the audience script again.
    tab.requests.length = 0;
    await tab.page.goto(env.server.url + page);
    await tab.page.waitForSelector('#cookie-charter', { state: 'attached' });
    for (let i = 0; i < 100 && !audienceRequested(tab.requests); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(audienceRequested(tab.requests));
    assert.equal(await tab.page.locator(BANNER).count(), 0);
    await tab.context.close();
  });
}

// A register that answers late, with the Set-Cookie the register sends for the value it got: the
// timing of a slow network (the register's own answer is tested elsewhere). The first request of
// a test waits 2 s, any later one 0.5 s: sent together, the older answer would land last.
const answers = [];
const lateChoice = (req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const answer = { arrived: Date.now(), body };
    answers.push(answer);
    setTimeout(() => {
      answer.answered = Date.now();
      res.setHeader('Set-Cookie', `cookies_preferences=${body}; Path=/; Max-Age=3600; SameSite=Lax`);
      res.statusCode = 204;
      res.end();
    }, answers.length === 1 ? 2000 : 500);
  });
};
const accepted = (req, res) => {
  req.resume();
  req.on('end', () => {
    res.statusCode = 204;
    res.end();
  });
};
Object.assign(handlers, {
  '/late/v1/portals/demo/choice': lateChoice,
  '/late/v1/portals/demo/impressions': accepted,
  '/late/v1/portals/demo/receipts': accepted,
});
const LATE = `/fixtures/register-failing.html?register=${encodeURIComponent('/late/v1/portals/demo')}`;

/** Waits until `answers` holds `n` answered requests (6 s at most). */
async function answered(n) {
  for (let i = 0; i < 120 && answers.filter((a) => a.answered).length < n; i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(answers.filter((a) => a.answered).length, n);
}

test('an older answer of the register never overwrites a newer choice', { timeout: 30_000 }, async () => {
  answers.length = 0;
  const tab = await visit(env, LATE);
  await tab.page.waitForSelector(BANNER, { state: 'visible' });
  await tab.page.click(`${BANNER} [data-action=accept-all]`);
  await tab.page.evaluate(() => window.CookieCharter.refuseAll());
  await answered(2);
  assert.ok(answers[1].arrived >= answers[0].answered, 'one request at a time');
  assert.equal((await preferencesCookie(tab.context)).json.c.audience, false, 'the newer choice holds');
  assert.deepEqual(tab.console.filter((m) => m.text.startsWith('[cookie-charter]')), []);
  await tab.context.close();
});

test('a cookie set by a late answer after reset() is deleted again', { timeout: 30_000 }, async () => {
  answers.length = 0;
  const tab = await visit(env, LATE);
  await tab.page.waitForSelector(BANNER, { state: 'visible' });
  await tab.page.click(`${BANNER} [data-action=accept-all]`);
  await tab.page.evaluate(() => window.CookieCharter.reset());
  await answered(1);
  assert.equal(await preferencesCookie(tab.context), null, 'no choice comes back');
  assert.equal(await tab.page.evaluate(() => window.CookieCharter.getConsent()), null);
  await tab.context.close();
});
