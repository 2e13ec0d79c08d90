// Refreshes the docs' screenshots (docs/*.png) from the built dist/ on the demo portal.
// Run after `npm run build`: `node scripts/screenshot.mjs`.
import { launch, openPage } from '../tests/e2e/browser.mjs';

const out = (name) => new URL(`../docs/${name}`, import.meta.url).pathname;
const env = await launch();
try {
  const { page, context } = await openPage(env.browser);
  await page.setViewportSize({ width: 1100, height: 640 });
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector('.cookie-charter__banner');
  await page.screenshot({ path: out('banner.png') });
  await page.click('text=Personnaliser');
  await page.waitForSelector('.cookie-charter__panel');
  await page.screenshot({ path: out('preferences.png') });
  await context.close();
} finally {
  await env.close();
}
