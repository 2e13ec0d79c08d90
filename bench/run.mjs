// Benchmark: cookie-charter against vanilla-cookieconsent (orestbida v3), Klaro and
// tarteaucitron, each configured with a necessary and an audience category gating the same stub
// script, in headless Chromium on localhost. Run on demand, never part of the tests:
//
//   npm run bench            (after npm run build; RUNS=7 by default)
//
// For each library, over RUNS cold runs per profile (pages alternate): bytes of the files the
// first visit loads (raw, gzip, brotli), time from navigation start to the banner being
// visible, long tasks and total blocking time, CLS; with no throttling and with slow 4G
// (1.6 Mbps down, 150 ms RTT) plus a 4x CPU slowdown. Also a returning visitor (choice stored):
// time until the audience script runs, and its blocking time. Prints medians [min–max] and the
// ratios cookie-charter / peer, and writes bench/results.json. Files are served brotli-compressed,
// as a portal's CDN serves them, so the throttled network carries the brotli bytes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const RUNS = Number(process.env.RUNS ?? 7);

const LIBRARIES = [
  { name: 'cookie-charter', page: 'cookie-charter.html', banner: '.cookie-charter__banner', accept: '[data-action=accept-all]' },
  { name: 'cookieconsent', page: 'cookieconsent.html', banner: '#cc-main .cm', accept: '#cc-main .cm [data-role=all]' },
  { name: 'klaro', page: 'klaro.html', banner: '.klaro .cookie-notice', accept: '.klaro .cookie-notice .cm-btn-success' },
  { name: 'tarteaucitron', page: 'tarteaucitron.html', banner: '#tarteaucitronAlertBig', accept: '#tarteaucitronPersonalize2' },
];

const PROFILES = {
  'no throttling': null,
  'slow 4G + 4x CPU': { latency: 150, download: 1.6e6 / 8, upload: 750e3 / 8, cpu: 4 },
};

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

/** Runs in the page before anything else: banner visibility, long tasks, layout shifts. */
function instrument(selector) {
  window.__metrics = { bannerAt: null, longTasks: [], cls: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__metrics.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__metrics.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const visible = (el) => {
    if (!el || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && parseFloat(style.opacity) > 0;
  };
  const poll = () => {
    if (visible(document.querySelector(selector))) window.__metrics.bannerAt = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function throttle(page, profile) {
  if (!profile) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latency, downloadThroughput: profile.download, uploadThroughput: profile.upload,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

const tbt = (tasks, until) => tasks.filter(([start]) => start <= until).reduce((t, [, d]) => t + Math.max(0, d - 50), 0);

/** One cold first visit, then a returning visit (choice stored) in the same context. */
async function run(browser, baseUrl, lib, profile) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await throttle(page, profile);
  const files = new Map();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/bench/') || url.pathname === '/stub-audience.js' || url.pathname === '/favicon.ico') return;
    try { files.set(url.pathname, await response.body()); } catch { /* redirects have no body */ }
  });
  await page.addInitScript(instrument, lib.banner);
  await page.goto(`${baseUrl}/bench/${lib.page}`);
  await page.waitForFunction(() => window.__metrics.bannerAt !== null, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const first = await page.evaluate(() => window.__metrics);
  const bytes = { raw: 0, gzip: 0, brotli: 0 };
  for (const body of files.values()) {
    bytes.raw += body.length;
    bytes.gzip += gzipSync(body, { level: 9 }).length;
    bytes.brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }

  await page.click(lib.accept);
  await page.waitForFunction(() => window.__audienceRuns >= 1, null, { timeout: 60_000 });
  await page.reload();
  await page.waitForFunction(() => window.__audienceAt !== undefined, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const returning = await page.evaluate(() => ({ audienceAt: window.__audienceAt, longTasks: window.__metrics.longTasks }));
  await context.close();
  return {
    bannerMs: first.bannerAt,
    tbtMs: tbt(first.longTasks, first.bannerAt + 1000),
    longTasks: first.longTasks.length,
    cls: first.cls,
    files: [...files.keys()],
    ...bytes,
    returningAudienceMs: returning.audienceAt,
    returningTbtMs: tbt(returning.longTasks, returning.audienceAt + 1000),
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

const server = await startServer({
  compress: true,
  mounts: {
    '/bench/': here('./pages/'),
    '/peers/cookieconsent/': here('../node_modules/vanilla-cookieconsent/dist/'),
    '/peers/klaro/': here('../node_modules/klaro/dist/'),
    '/peers/tarteaucitron/': here('../node_modules/tarteaucitronjs/'),
  },
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
const results = { date: new Date().toISOString(), runs: RUNS, chromium: browser.version(), profiles: {} };
try {
  for (const [profileName, profile] of Object.entries(PROFILES)) {
    const samples = Object.fromEntries(LIBRARIES.map((l) => [l.name, []]));
    for (let i = 0; i < RUNS; i++) {
      const order = LIBRARIES.map((_, k) => LIBRARIES[(k + i) % LIBRARIES.length]); // alternate pages
      for (const lib of order) samples[lib.name].push(await run(browser, server.url, lib, profile));
    }
    const summary = {};
    for (const [name, runs] of Object.entries(samples)) {
      summary[name] = { files: runs[0].files };
      for (const key of ['raw', 'gzip', 'brotli', 'bannerMs', 'tbtMs', 'longTasks', 'cls', 'returningAudienceMs', 'returningTbtMs']) {
        summary[name][key] = stat(runs.map((r) => r[key]));
      }
    }
    results.profiles[profileName] = summary;
  }
} finally {
  await browser.close();
  await server.close();
}

const fmt = (s, digits = 0) => `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
for (const [profileName, summary] of Object.entries(results.profiles)) {
  console.log(`\n## ${profileName} (${RUNS} cold runs, medians [min–max])\n`);
  console.log('| library | files | raw B | gzip B | brotli B | banner visible ms | TBT ms | CLS | returning: audience runs at ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, s] of Object.entries(summary)) {
    console.log(`| ${name} | ${s.files.length} | ${s.raw.median} | ${s.gzip.median} | ${s.brotli.median} | ${fmt(s.bannerMs)} | ${fmt(s.tbtMs)} | ${s.cls.median.toFixed(3)} | ${fmt(s.returningAudienceMs)} |`);
  }
  const ours = summary['cookie-charter'];
  console.log('\n| cookie-charter / peer | brotli bytes | banner visible | returning: audience |');
  console.log('|---|---:|---:|---:|');
  for (const [name, s] of Object.entries(summary)) {
    if (name === 'cookie-charter') continue;
    const r = (k) => (ours[k].median / s[k].median).toFixed(2);
    console.log(`| ${name} | ${r('brotli')} | ${r('bannerMs')} | ${r('returningAudienceMs')} |`);
  }
}
writeFileSync(here('./results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten: bench/results.json');
