// End-to-end tests of charters as data: presets against their seed files, custom charters
// (fetched or inline), validation fallbacks, and re-consent when the charter changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useDemoServer, visit, consoleMessage, audienceRequested, preferencesCookie, BANNER as banner, PANEL as panel } from './browser.mjs';

const env = useDemoServer();

/** The table rows and portal of a seed file, parsed from its text (tab-separated table). */
function readSeed(name) {
  const lines = readFileSync(new URL(`../seeds/${name}.txt`, import.meta.url), 'utf8').split('\n');
  const lead = 'A quoi servent les cookies sur la plateforme';
  const at = lines.findIndex((l) => l.startsWith(lead));
  let platform = lines[at].slice(lead.length).trim();
  if (!platform) platform = lines.slice(at + 1).map((l) => l.trim()).find((l) => l);
  const header = lines.findIndex((l) => l.startsWith('Nom du prestataire\t'));
  const rows = lines.slice(header + 1)
    .filter((l) => l.trim() && !l.startsWith('---'))
    .map((l) => l.split('\t').map((cell) => cell.trim()));
  return { platform: platform.replace(/^<(.*)>$/, '$1'), rows };
}

async function renderedRows(page) {
  // The table is drawn by the Yew UI, which the first layer asks for once it has started.
  await page.locator('[data-cookie-charter-table] tr.cookie-charter__row').first().waitFor();
  return page.locator('[data-cookie-charter-table] tr.cookie-charter__row').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
}

for (const preset of ['soregies', 'bpce', 'anru', 'tco', 'saintnazaire']) {
  test(`data-preset="${preset}" renders its seed's table and portal`, async () => {
    const seed = readSeed(preset);
    const { page, context } = await visit(env, `/charters.html?preset=${preset}`);
    await page.locator('[data-cookie-charter-table] table').waitFor();
    assert.deepEqual(await renderedRows(page), seed.rows);
    const headings = await page.locator('[data-cookie-charter-table] h2').allTextContents();
    assert.equal(headings.at(-1), `A quoi servent les cookies sur la plateforme ${seed.platform}`);
    assert.equal(headings[0], "Qu'est ce qu'un cookie ?");
    await context.close();
  });
}

test('English charter page: introduction, headings and rows translated', async () => {
  const { page, context } = await visit(env, '/charters.html?preset=saintnazaire&lang=en');
  await page.locator('[data-cookie-charter-table] table').waitFor();
  const headings = await page.locator('[data-cookie-charter-table] h2').allTextContents();
  assert.deepEqual(headings, ['What is a cookie?', 'What cookies are used for on the platform data.saintnazaireagglo.fr']);
  const headers = await page.locator('[data-cookie-charter-table] thead th').allTextContents();
  assert.deepEqual(headers, ['Provider', 'Service and location', 'Cookie name', 'Purpose']);
  const rows = await renderedRows(page);
  assert.equal(rows[0][3], 'Remember the user from one page to the next.');
  assert.equal(await page.locator('[data-cookie-charter-table] caption').textContent(),
    'Cookies set by the data.saintnazaireagglo.fr platform');
  await page.waitForSelector(banner);
  assert.deepEqual(await page.locator(`${banner} .cookie-charter__actions button`).allTextContents(), ['Accept all', 'Refuse all', 'Customise']);
  await context.close();
});

test('a preset with nothing optional shows no banner and never loads the audience script', async () => {
  const { page, context, requests } = await visit(env, '/charters.html?preset=tco');
  await page.locator('[data-cookie-charter-table] table').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator(banner).count(), 0);
  assert.equal(audienceRequested(requests), false);
  await page.click('footer >> text=Gérer mes cookies');
  await page.waitForSelector(panel, { state: 'visible' });
  const switches = await page.getByRole('switch').count();
  assert.equal(switches, 1, 'only the necessary cookies');
  await context.close();
});

const baseCharter = () => ({
  portal: 'data.exemple.fr',
  categories: [
    { id: 'necessary', required: true, title: { fr: 'Cookies nécessaires' } },
    { id: 'audience', title: { fr: "Mesure d'audience" } },
  ],
  cookies: [
    { category: 'necessary', provider: 'Exemple', service: { fr: 'Session' }, name: 'sid', purpose: { fr: 'Garder la session' } },
    { category: 'audience', provider: 'Matomo', service: { fr: 'Statistiques' }, name: '_pk_id.*', purpose: { fr: 'Compter les visites' } },
  ],
});

/** Serves `charter` (an object or a string) as /fixtures/charter.json in `context`. */
function serveCharter(charter, status = 200) {
  return (context) => context.route('**/fixtures/charter.json', (route) =>
    route.fulfill({ status, contentType: 'application/json', body: typeof charter === 'string' ? charter : JSON.stringify(charter) }));
}

/**
 * Presses "Tout accepter" on a page shown the default charter in place of the one it configured,
 * and checks that the audience script still does not load; closes the page.
 */
async function acceptingLoadsNothingOptional({ page, context, requests }) {
  await page.click('text=Tout accepter');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await context.close();
}

test('data-charter: a fetched charter is shown and used for consent', async () => {
  const { page, context } = await visit(env, '/fixtures/custom-charter.html', serveCharter(baseCharter()));
  await page.waitForSelector(banner);
  assert.deepEqual((await renderedRows(page)).map((r) => r[2]), ['sid', '_pk_id.*']);
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  await context.close();
});

test('a changed charter asks again and loads nothing until the visitor chooses; a reworded one does not', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/custom-charter.html', serveCharter(baseCharter()));
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  const accepted = (await preferencesCookie(context)).json;

  // Reworded only: the stored choice still holds.
  const reworded = baseCharter();
  reworded.cookies[1].purpose.fr = 'Mesurer la fréquentation du portail';
  reworded.portal = 'data.exemple.fr (nouveau nom)';
  await context.unroute('**/fixtures/charter.json');
  await serveCharter(reworded)(context);
  await page.reload();
  await page.waitForSelector('#audience-badge');
  assert.equal(await page.locator(banner).count(), 0);

  // A new cookie: asked again, nothing optional until the new choice.
  const extended = baseCharter();
  extended.cookies.push({ category: 'audience', provider: 'Matomo', service: { fr: 'Statistiques' }, name: '_pk_ses.*', purpose: { fr: 'Session de mesure' } });
  await context.unroute('**/fixtures/charter.json');
  await serveCharter(extended)(context);
  requests.length = 0;
  await page.reload();
  await page.waitForSelector(banner, { state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false, 'not loaded on the old consent');
  assert.equal(await page.evaluate(() => window.__audienceRuns ?? 0), 0);
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  const renewed = (await preferencesCookie(context)).json;
  assert.notEqual(renewed.r, accepted.r, 'the new choice records the new revision');
  await context.close();
});

test('an invalid charter is reported by field, the default is shown, and nothing optional loads', async () => {
  const bad = baseCharter();
  bad.cookies[1].category = 'stats';
  bad.cookies[0].name = 42;
  const { page, context, requests, console: messages } =
    await visit(env, '/fixtures/custom-charter.html', serveCharter(bad));
  await page.waitForSelector(banner);
  const errors = messages.filter((m) => m.type === 'error').map((m) => m.text).join('\n');
  assert.match(errors, /cookies\[0\]\.name: expected a string, found a number/);
  assert.match(errors, /showing the default charter and loading nothing optional/);
  assert.deepEqual((await renderedRows(page)).map((r) => r[2]),
    ['sessionid', 'django_language', 'csrftoken', 'cookies_preferences', '']);
  await acceptingLoadsNothingOptional({ page, context, requests });

  const rules = baseCharter();
  rules.cookies[1].category = 'stats';
  const second = await visit(env, '/fixtures/custom-charter.html', serveCharter(rules));
  await second.page.waitForSelector(banner);
  const text = second.console.filter((m) => m.type === 'error').map((m) => m.text).join('\n');
  assert.match(text, /cookies\[1\]\.category: "stats" is not a category of this charter \(expected one of: necessary, audience\)/);
  await second.context.close();

  // Not JSON at all: the browser's JSON.parse says why.
  const third = await visit(env, '/fixtures/custom-charter.html', serveCharter('{"portal": '));
  await third.page.waitForSelector(banner);
  const syntax = third.console.filter((m) => m.type === 'error').map((m) => m.text).join('\n');
  assert.match(syntax, /charter: \$: not JSON: \S/);
  await third.context.close();
});

test('a charter that cannot be fetched falls back to the default and loads nothing optional', async () => {
  const { page, context, requests, console: messages } =
    await visit(env, '/fixtures/custom-charter.html', serveCharter('gone', 404));
  await page.waitForSelector(banner);
  assert.ok(messages.some((m) => m.type === 'error' && m.text.includes('HTTP 404')));
  await acceptingLoadsNothingOptional({ page, context, requests });
});

test('a charter whose reader cannot be loaded falls back to the default and loads nothing optional', async () => {
  const blockReader = async (context) => {
    await serveCharter(baseCharter())(context);
    await context.route('**/cookie-charter-reader*.js', (route) => route.abort());
  };
  const { page, context, requests, console: messages } =
    await visit(env, '/fixtures/custom-charter.html', blockReader);
  await page.waitForSelector(banner);
  await consoleMessage(page, messages, 'error', 'the charter reader could not be loaded; showing the default charter and loading nothing optional');
  await acceptingLoadsNothingOptional({ page, context, requests });
});

test('an unknown data-preset is reported and loads nothing optional', async () => {
  const { page, context, requests, console: messages } = await visit(env, '/fixtures/unknown-preset.html');
  await page.waitForSelector(banner);
  await consoleMessage(page, messages, 'error', 'data-preset="paris" is not a built-in charter');
  await acceptingLoadsNothingOptional({ page, context, requests });
});

test('an inline charter block is used, and its markup is shown as text, never run', async () => {
  const { page, context } = await visit(env, '/fixtures/inline-charter.html');
  await page.locator('[data-cookie-charter-table] table').waitFor();
  const rows = await renderedRows(page);
  assert.deepEqual(rows.map((r) => r[2]), ['sid', '_pk_id.*']);
  assert.equal(rows[0][3], 'Garder la session <script>window.__xss = 1</script>');
  const heading = await page.locator('[data-cookie-charter-table] h2').last().textContent();
  assert.equal(heading, 'A quoi servent les cookies sur la plateforme https://data.exemple-inline.fr');
  assert.equal(await page.evaluate(() => window.__xss ?? 0), 0);
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  await context.close();
});
