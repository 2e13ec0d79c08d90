// CNIL and accessibility requirements, end to end: axe-core on every view in both languages,
// keyboard-only use, close = refuse, withdrawal erasing cookies, blocked tags, Global Privacy
// Control, and no layout shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useDemoServer, visit, audienceRequested, preferencesCookie, BANNER as banner, PANEL as panel } from './browser.mjs';

const env = useDemoServer();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core violations inside `selector`, as "rule: target" strings. */
async function axeViolations(page, selector) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate((include) => window.axe.run({ include: [include] }), selector);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
}

for (const lang of ['fr', 'en']) {
  test(`axe-core finds no violation on the banner, the panel and the charter page (${lang})`, async () => {
    const { page, context } = await visit(env, `/charters.html?preset=saintnazaire&lang=${lang}`);
    await page.waitForSelector(banner, { state: 'visible' });
    await page.locator('[data-cookie-charter-table] table').waitFor();
    assert.deepEqual(await axeViolations(page, '#cookie-charter'), [], 'banner');
    assert.deepEqual(await axeViolations(page, '[data-cookie-charter-table]'), [], 'charter page');
    await page.click('[data-action=customise]');
    await page.waitForSelector(panel, { state: 'visible' });
    assert.deepEqual(await axeViolations(page, '#cookie-charter'), [], 'panel');
    await context.close();
  });
}

test('the three first-layer buttons look exactly alike', async () => {
  const { page, context } = await visit(env, '/');
  await page.waitForSelector(banner, { state: 'visible' });
  const looks = await page.locator(`${banner} .cookie-charter__actions button`).evaluateAll((buttons) =>
    buttons.map((b) => {
      const s = getComputedStyle(b);
      const r = b.getBoundingClientRect();
      return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderColor, Math.round(r.width), Math.round(r.height)].join(' ');
    }));
  assert.equal(looks.length, 3);
  assert.equal(new Set(looks).size, 1, looks.join('\n'));
  await context.close();
});

/** Presses Tab until the focused element's text is `label` (at most 10 times). */
async function tabTo(page, label) {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent?.trim()
      || document.activeElement?.getAttribute('aria-label') || document.activeElement?.id);
    if (text === label) return;
  }
  assert.fail(`could not reach ${label} with Tab`);
}

test('keyboard only: refuse with Enter, accept with Space, customise and save', async () => {
  let { page, context } = await visit(env, '/');
  await page.waitForSelector(banner, { state: 'visible' });
  // Focus moves in the task after the banner's (its layout is left to the frame that draws it).
  await page.waitForFunction(() => document.activeElement?.classList.contains('cookie-charter__banner'), null, { timeout: 2000 })
    .catch(() => assert.fail('focus moves to the banner'));
  await tabTo(page, 'Tout refuser');
  await page.keyboard.press('Enter');
  await page.waitForSelector(banner, { state: 'detached' });
  assert.equal((await preferencesCookie(context)).json.c.audience, false);
  await context.close();

  ({ page, context } = await visit(env, '/'));
  await page.waitForSelector(banner, { state: 'visible' });
  await tabTo(page, 'Tout accepter');
  await page.keyboard.press('Space');
  await page.waitForSelector('#audience-badge');
  await context.close();

  ({ page, context } = await visit(env, '/'));
  await page.waitForSelector(banner, { state: 'visible' });
  await tabTo(page, 'Personnaliser');
  await page.keyboard.press('Enter');
  await page.waitForSelector(panel, { state: 'visible' });
  assert.equal(await page.evaluate((sel) => document.querySelector(sel).contains(document.activeElement), panel), true,
    'focus is inside the panel');
  await tabTo(page, 'cookie-charter-category-audience');
  await page.keyboard.press('Space');
  assert.equal(await page.getByRole('switch', { name: "Mesure d'audience" }).isChecked(), true);
  await tabTo(page, 'Enregistrer mes choix');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#audience-badge');
  await context.close();
});

test('Esc on the banner refuses and is stored; Esc in the panel closes it and gives focus back', async () => {
  const { page, context, requests } = await visit(env, '/');
  await page.waitForSelector(banner, { state: 'visible' });
  await page.keyboard.press('Escape');
  await page.waitForSelector(banner, { state: 'detached' });
  assert.equal((await preferencesCookie(context)).json.c.audience, false);
  const opener = page.locator('footer [data-cookie-charter-open]');
  await opener.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(panel, { state: 'visible' });
  await page.keyboard.press('Escape');
  await page.waitForSelector(panel, { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Gérer mes cookies');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await context.close();
});

test('withdrawal erases the audience cookies the script set', async () => {
  const { page, context } = await visit(env, '/');
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  const names = async () => (await context.cookies()).map((c) => c.name);
  for (const name of ['_ga', '_ga_D3M0', '_pk_id.1.d3m0', '_pk_ses.1.d3m0']) {
    assert.ok((await names()).includes(name), `${name} set by the stub`);
  }
  await page.click('footer >> text=Gérer mes cookies');
  await page.getByRole('switch', { name: "Mesure d'audience" }).uncheck();
  await page.click('text=Enregistrer mes choix');
  await page.waitForSelector(panel, { state: 'detached' });
  const left = await names();
  assert.deepEqual(left.filter((n) => n.startsWith('_ga') || n.startsWith('_pk_')), []);
  assert.ok(left.includes('cookies_preferences'));
  assert.equal((await preferencesCookie(context)).json.c.audience, false);
  await context.close();
});

test('data-reload-on-withdraw reloads after a withdrawal, and the script does not come back', async () => {
  const { page, context } = await visit(env, '/fixtures/withdraw-reload.html');
  await page.click('text=Tout accepter');
  await page.waitForSelector('#audience-badge');
  await page.click('[data-action=manage]');
  await page.getByRole('switch', { name: "Mesure d'audience" }).uncheck();
  const reloaded = page.waitForEvent('framenavigated');
  await page.click('text=Enregistrer mes choix');
  await reloaded;
  await page.waitForSelector('#cookie-charter', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#audience-badge').count(), 0);
  assert.equal(await page.evaluate(() => window.__audienceRuns ?? 0), 0);
  await context.close();
});

test('blocked tags run only after consent, in document order, once', async () => {
  const { page, context, requests } = await visit(env, '/fixtures/blocked-tags.html');
  await page.waitForSelector(banner, { state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => window.__order ?? null), null);
  assert.equal(requests.some((u) => u.includes('blocked-external.js') || u.includes('blocked-frame.html')), false);
  await page.click('text=Tout refuser');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => window.__order ?? null), null, 'not after a refusal');
  await context.close();

  const second = await visit(env, '/fixtures/blocked-tags.html');
  await second.page.click('text=Tout accepter');
  await second.page.waitForFunction(() => window.__order?.length === 3);
  assert.deepEqual(await second.page.evaluate(() => window.__order), ['inline-1', 'external', 'inline-2']);
  const frame = second.page.frameLocator('iframe[data-cookie-category]');
  await frame.locator('#frame-ran').waitFor();
  await second.page.reload();
  await second.page.waitForFunction(() => window.__order?.length === 3);
  await second.page.waitForLoadState('networkidle');
  assert.deepEqual(await second.page.evaluate(() => window.__order), ['inline-1', 'external', 'inline-2'], 'once per page');
  await second.context.close();
});

test('Global Privacy Control: refusal by default, said in the banner; an explicit acceptance wins', async () => {
  const gpc = (context) => context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
  });
  const { page, context, requests } = await visit(env, '/', gpc);
  await page.waitForSelector(banner, { state: 'visible' });
  assert.match(await page.locator('[data-notice=gpc]').textContent(), /Global Privacy Control/);
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await page.click('text=Personnaliser');
  assert.equal(await page.getByRole('switch', { name: "Mesure d'audience" }).isChecked(), false);
  await page.click('text=Enregistrer mes choix');
  await page.waitForLoadState('networkidle');
  assert.equal(audienceRequested(requests), false);
  await context.close();

  const explicit = await visit(env, '/', gpc);
  await explicit.page.click('text=Tout accepter');
  await explicit.page.waitForSelector('#audience-badge');
  await explicit.context.close();
});

test('the banner causes no layout shift (CLS 0)', async () => {
  const { page, context } = await visit(env, '/', (ctx) => ctx.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  }));
  await page.waitForSelector(banner, { state: 'visible' });
  await page.waitForTimeout(300);
  await page.click('text=Personnaliser');
  await page.click('[data-action=save]');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  await context.close();
});
