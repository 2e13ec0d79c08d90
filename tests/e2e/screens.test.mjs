// Small screens, zoom and forced colours: the banner and the panel fit, every control can be
// reached, the page behind still scrolls, and "on" and "off" switches stay distinct in Windows
// high contrast. Screenshots are written to tests/e2e/artifacts/ to be looked at.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoServer, BANNER, PANEL } from './browser.mjs';

const env = useDemoServer();
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

// CSS pixels seen by the page: a 320 × 568 phone, and a 1280 × 800 window at 200 % and 400 %
// zoom (zooming divides the CSS viewport by the zoom factor).
const SCREENS = [
  { name: 'phone 320x568', viewport: { width: 320, height: 568 }, deviceScaleFactor: 2 },
  { name: '1280x800 at 200 %', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  { name: '1280x800 at 400 %', viewport: { width: 320, height: 200 }, deviceScaleFactor: 4 },
];

/** Whether `selector` (the first match) can be brought into view and is the element there. */
function reachable(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return inside && (hit === el || el.contains(hit));
  }, selector);
}

/** The rectangle of `selector` and the viewport, in CSS pixels. */
function geometry(page, selector) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return {
      top: r.top, bottom: r.bottom, left: r.left, right: r.right,
      width: innerWidth, height: innerHeight, scrollWidth: document.documentElement.scrollWidth,
    };
  }, selector);
}

function assertFits(g, what) {
  assert.ok(g.top >= 0 && g.left >= 0, `${what} starts inside the viewport: ${JSON.stringify(g)}`);
  assert.ok(g.bottom <= g.height + 1 && g.right <= g.width + 1, `${what} ends inside the viewport: ${JSON.stringify(g)}`);
  assert.ok(g.scrollWidth <= g.width, `no horizontal scrolling: ${JSON.stringify(g)}`);
}

for (const screen of SCREENS) {
  test(`${screen.name}: the banner and the panel fit, every control is reachable, the page still scrolls`, async () => {
    const context = await env.browser.newContext({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/`);
    await page.waitForSelector(BANNER, { state: 'visible' });
    assertFits(await geometry(page, BANNER), 'the banner');
    const file = screen.name.replace(/[^a-z0-9]+/gi, '-');
    await page.screenshot({ path: `${ARTIFACTS}screen-${file}-banner.png` });
    for (const control of ['.cookie-charter__title', '[data-action=dismiss]', '.cookie-charter__link',
      '[data-action=accept-all]', '[data-action=refuse-all]', '[data-action=customise]']) {
      assert.ok(await reachable(page, `${BANNER} ${control}`), `${control} can be reached`);
    }
    const scrolled = await page.evaluate(() => {
      window.scrollTo(0, 200);
      return window.scrollY;
    });
    assert.ok(scrolled > 0, 'the page behind the banner still scrolls');

    await page.click('[data-action=customise]');
    await page.waitForSelector(PANEL, { state: 'visible' });
    assertFits(await geometry(page, PANEL), 'the panel');
    await page.screenshot({ path: `${ARTIFACTS}screen-${file}-panel.png` });
    for (const control of ['.cookie-charter__close', 'input[data-category=audience]', '[data-action=save]']) {
      assert.ok(await reachable(page, `${PANEL} ${control}`), `${control} can be reached in the panel`);
    }
    await page.click(`${PANEL} [data-action=save]`);
    await page.waitForSelector(PANEL, { state: 'detached' });
    await context.close();
  });
}

test('forced colours: the banner has an edge, and switches look different on and off', async () => {
  const context = await env.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  const edge = await page.$eval(BANNER, (el) => {
    const style = getComputedStyle(el);
    return { width: parseFloat(style.borderTopWidth), style: style.borderTopStyle };
  });
  assert.ok(edge.width >= 1 && edge.style === 'solid', `the banner has a visible edge: ${JSON.stringify(edge)}`);
  await page.screenshot({ path: `${ARTIFACTS}forced-colors-banner.png` });

  await page.click('[data-action=customise]');
  await page.waitForSelector(PANEL, { state: 'visible' });
  const audience = page.locator('input[data-category=audience]');
  const off = await audience.screenshot({ animations: 'disabled' });
  await audience.check();
  await page.mouse.move(0, 0);
  await audience.blur();
  const on = await audience.screenshot({ animations: 'disabled' });
  assert.notDeepEqual(on, off, 'the switch looks different on and off');
  const necessary = await page.locator('input[data-category=necessary]').screenshot({ animations: 'disabled' });
  assert.notDeepEqual(necessary, off, 'the always-on switch does not look off');
  await page.screenshot({ path: `${ARTIFACTS}forced-colors-panel.png` });
  await context.close();
});

test('the banner takes focus when it shows, without drawing a ring around itself', async () => {
  const context = await env.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  // Focus moves in the task after the banner's: wait for it, then check how it looks.
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), BANNER, { timeout: 2000 })
    .catch(() => {});
  const focus = await page.$eval(BANNER, (el) => ({
    focused: document.activeElement === el,
    outline: getComputedStyle(el).outlineStyle,
  }));
  assert.deepEqual(focus, { focused: true, outline: 'none' });
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(ring, 'solid', 'the next control, reached with the keyboard, has its ring');
  await context.close();
});
