// The seven languages: a page in each (its <html lang> with a region subtag, no data-lang)
// gets the banner, the panel and the charter page in that language, axe-core clean, with no
// sentence missing; it loads its own language's texts module and no other (French, none); a
// language whose module cannot be loaded falls back to French with one console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useDemoServer, openPage, audienceRequested, BANNER as banner, PANEL as panel } from './browser.mjs';

const page = (htmlLang) => `<!doctype html><html lang="${htmlLang}"><head><meta charset="utf-8"><title>Portail</title>
<link rel="icon" href="data:,">
<script type="module" src="/cookie-charter/cookie-charter.js" data-audience-src="/stub-audience.js" data-preset="saintnazaire"></script>
</head><body><main><h1>Portail</h1><div data-cookie-charter-table></div></main></body></html>`;
const env = useDemoServer({}, {}, {
  handlers: {
    '/language.html': (req, res) => {
      const htmlLang = new URL(req.url, 'http://x').searchParams.get('lang') ?? 'fr';
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page(htmlLang.replace(/[^A-Za-z-]/g, '')));
    },
  },
});
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const texts = (tag) => JSON.parse(readFileSync(new URL(`../../crates/core/src/texts/${tag}.json`, import.meta.url), 'utf8'));

async function axeViolations(tab, selector) {
  await tab.addScriptTag({ path: axePath });
  const result = await tab.evaluate((include) => window.axe.run({ include: [include] }), selector);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
}

/** The language modules a page requested, by tag. */
const languageModules = (requests) => requests
  .map((u) => new URL(u).pathname.match(/cookie-charter-lang-(\w+)\.js$/)?.[1])
  .filter(Boolean);

for (const [tag, htmlLang] of [['fr', 'fr-FR'], ['en', 'en-GB'], ['es', 'es-ES'], ['de', 'de-AT'], ['it', 'it-IT'], ['nl', 'nl-BE'], ['pt', 'pt-PT']]) {
  test(`${tag} (<html lang="${htmlLang}">): banner, panel and charter page in ${tag}, axe-clean, only its own texts loaded`, async () => {
    const t = texts(tag);
    const { page: tab, context, requests, console: messages } = await openPage(env.browser);
    await tab.goto(`${env.server.url}/language.html?lang=${htmlLang}`);
    await tab.waitForSelector(banner, { state: 'visible' });
    assert.equal(await tab.locator('#cookie-charter .cookie-charter').getAttribute('lang'), tag);
    assert.equal(await tab.locator(`${banner} h2`).textContent(), t.banner.banner_title);
    const buttons = await tab.locator(`${banner} .cookie-charter__actions button`).allTextContents();
    assert.deepEqual(buttons, [t.banner.accept_all, t.banner.refuse_all, t.banner.customise]);
    assert.equal(await tab.locator(`${banner} [data-action=dismiss]`).getAttribute('aria-label'), t.banner.close_banner);
    await tab.locator('[data-cookie-charter-table] table').waitFor();
    const caption = await tab.locator('[data-cookie-charter-table] caption').textContent();
    assert.ok(caption.startsWith(t.charter_page.table_caption.split('{portal}')[0]), caption);
    assert.deepEqual(await axeViolations(tab, '#cookie-charter'), [], 'banner');
    assert.deepEqual(await axeViolations(tab, '[data-cookie-charter-table]'), [], 'charter page');

    await tab.click(`${banner} [data-action=customise]`);
    await tab.waitForSelector(panel, { state: 'visible' });
    assert.equal(await tab.locator(`${panel} h2`).textContent(), t.panel.preferences_title);
    assert.equal(await tab.locator(`${panel} [data-action=save]`).textContent(), t.panel.save);
    const empty = await tab.locator(`${panel} button, ${panel} h2, ${panel} label`).evaluateAll((nodes) =>
      nodes.filter((n) => !(n.textContent.trim() || n.getAttribute('aria-label'))).map((n) => n.outerHTML));
    assert.deepEqual(empty, [], 'no sentence missing');
    assert.deepEqual(await axeViolations(tab, '#cookie-charter'), [], 'panel');

    await tab.waitForLoadState('networkidle');
    assert.deepEqual(languageModules(requests), tag === 'fr' ? [] : [tag], 'its own texts and no other');
    assert.equal(audienceRequested(requests), false);
    assert.deepEqual(messages.filter((m) => m.text.includes('[cookie-charter]')), []);
    await context.close();
  });
}

test('a page in a language the component does not speak gets French, and no texts module', async () => {
  const { page: tab, context, requests } = await openPage(env.browser);
  await tab.goto(`${env.server.url}/language.html?lang=ru-RU`);
  await tab.waitForSelector(banner, { state: 'visible' });
  assert.equal(await tab.locator(`${banner} .cookie-charter__actions button`).first().textContent(), 'Tout accepter');
  await tab.waitForLoadState('networkidle');
  assert.deepEqual(languageModules(requests), []);
  await context.close();
});

test('when its texts cannot be loaded, a German page gets the French banner and one console error', async () => {
  const { page: tab, context, requests, console: messages } = await openPage(env.browser);
  await context.route('**/cookie-charter-lang-de.js', (route) => route.fulfill({ status: 500, body: '' }));
  await tab.goto(`${env.server.url}/language.html?lang=de-DE`);
  await tab.waitForSelector(banner, { state: 'visible' });
  assert.equal(await tab.locator('#cookie-charter .cookie-charter').getAttribute('lang'), 'fr');
  assert.equal(await tab.locator(`${banner} .cookie-charter__actions button`).first().textContent(), 'Tout accepter');
  const ours = messages.filter((m) => m.text.includes('[cookie-charter]'));
  assert.equal(ours.length, 1, JSON.stringify(ours));
  assert.match(ours[0].text, /texts in "de" could not be loaded; showing French/);
  await tab.click(`${banner} [data-action=customise]`);
  await tab.waitForSelector(panel, { state: 'visible' });
  assert.equal(await tab.locator(`${panel} h2`).textContent(), texts('fr').panel.preferences_title);
  assert.equal(audienceRequested(requests), false);
  // The receipt says what the visitor read: French, not the page's German.
  await tab.click(`${panel} [data-action=refuse-all]`);
  const receipt = await tab.evaluate(() => JSON.parse(localStorage.getItem('cookie-charter:receipt')));
  assert.equal(receipt.lang, 'fr');
  await context.close();
});
