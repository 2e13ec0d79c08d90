// Benchmark: cookie-charter against vanilla-cookieconsent (orestbida v3), Klaro and
// tarteaucitron, each configured with a necessary and an audience category gating the same stub
// script, in headless Chromium on localhost. Run on demand, never part of the tests:
//
//   npm run bench            (after npm run build)
//   RUNS=3 PROFILES=lighthouse npm run bench
//
// RUNS cold runs (5 by default) per profile, pages alternating; PROFILES picks profiles by key
// (none, slow4g, lighthouse; comma-separated; all by default), LIBS libraries by name. Files are served brotli-compressed as a portal's CDN serves
// them, so the throttled network carries the brotli bytes. For each library and run:
//   1. a cold first visit: bytes loaded before the banner shows (raw, gzip, brotli) and after it
//      (background), time from navigation start to the banner being visible, total blocking time
//      (the main thread's tasks from the first contentful paint to 0.5 s after the banner, read
//      from a trace as Lighthouse does), CLS, and the request chain (which request each
//      request was started by);
//   2. the same first visit, then "Personnaliser" clicked 0.5 s after the banner shows: time from
//      the click to the first change of the page, and to the preferences panel being visible;
//   3. a returning visitor (choice stored, browser cache warm) against a server that makes each
//      reuse revalidate (Cache-Control: no-cache + ETag → 304), then against one that lets the
//      browser keep the files a year: time until the audience script runs, and the requests
//      that still went to the network.
// Prints medians [min–max] and the ratios cookie-charter / peer measured in the same run, and
// writes them with the machine and the date as docs/benchmarks/<date>-<time>.md (the raw figures
// beside it as .json): one file a run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const RUNS = Number(process.env.RUNS ?? 5);

/** Per library: its page, and how to find its banner, its accept button and its panel. */
const ALL_LIBRARIES = [
  {
    name: 'cookie-charter', page: 'cookie-charter.html', banner: '.cookie-charter__banner',
    accept: '.cookie-charter__banner [data-action=accept-all]',
    customise: '.cookie-charter__banner [data-action=customise]', panel: 'dialog.cookie-charter__panel',
  },
  {
    name: 'cookieconsent', page: 'cookieconsent.html', banner: '#cc-main .cm', accept: '#cc-main .cm [data-role=all]',
    customise: '#cc-main .cm [data-role=show]', panel: '#cc-main .pm',
  },
  {
    name: 'klaro', page: 'klaro.html', banner: '.klaro .cookie-notice', accept: '.klaro .cookie-notice .cm-btn-success',
    customise: '.klaro .cookie-notice .cn-learn-more', panel: '.klaro .cookie-modal .cm-modal',
  },
  {
    name: 'tarteaucitron', page: 'tarteaucitron.html', banner: '#tarteaucitronAlertBig', accept: '#tarteaucitronPersonalize2',
    customise: '#tarteaucitronCloseAlert', panel: '#tarteaucitron',
  },
];

const LIBRARIES = ALL_LIBRARIES.filter((l) => !process.env.LIBS || process.env.LIBS.split(',').includes(l.name));

/** Network and CPU profiles (DevTools throttling). */
const PROFILES = {
  none: { label: 'no throttling', conditions: null },
  slow4g: {
    label: 'slow 4G (150 ms RTT, 1.6 Mb/s) + 4x CPU',
    conditions: { latency: 150, download: 1.6e6 / 8, upload: 750e3 / 8, cpu: 4 },
  },
  lighthouse: {
    label: 'Lighthouse mobile (562.5 ms RTT, 1474.56 kb/s down, 675 kb/s up) + 4x CPU',
    conditions: { latency: 562.5, download: (1474.56 * 1024) / 8, upload: (675 * 1024) / 8, cpu: 4 },
  },
};

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

/**
 * Runs in the page before anything else: when the banner and the panel become visible, when
 * the page first changes after a click, when the audience script runs (the stub sets
 * `window.__audienceAt`), layout shifts (blocking time comes from a trace). Each is also said in
 * the console (`bench:banner`, `bench:panel`, `bench:audience`), which the harness waits on:
 * Playwright's `waitForFunction` would inject its own script into the page while it loads
 * (about 65 ms at 4x CPU), a task that could run before a library's next one and delay it.
 */
function instrument({ banner, panel }) {
  const m = (window.__metrics = { bannerAt: null, clickAt: null, responseAt: null, panelAt: null, cls: 0 });
  const say = (what) => console.debug(`bench:${what}`);
  const panelDone = () => { if (m.panelAt !== null && m.responseAt !== null) say('panel'); };
  let audienceAt;
  Object.defineProperty(window, '__audienceAt', {
    configurable: true,
    get: () => audienceAt,
    set: (at) => { audienceAt = at; say('audience'); },
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) m.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const visible = (el) => {
    if (!el || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && parseFloat(style.opacity) > 0;
  };
  const poll = () => {
    if (m.bannerAt === null && visible(document.querySelector(banner))) {
      m.bannerAt = performance.now();
      say('banner');
    }
    if (m.clickAt !== null && m.panelAt === null && visible(document.querySelector(panel))) {
      m.panelAt = performance.now();
      panelDone();
    }
    if (m.bannerAt === null || (m.clickAt !== null && m.panelAt === null)) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  // The click on "Personnaliser": its time, then the frame after the first change it causes.
  document.addEventListener('click', (event) => {
    if (m.clickAt !== null) return;
    m.clickAt = event.timeStamp;
    new MutationObserver((_, observer) => {
      observer.disconnect();
      requestAnimationFrame(() => {
        if (m.responseAt !== null) return;
        m.responseAt = performance.now();
        panelDone();
      });
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    requestAnimationFrame(poll);
  }, true);
}

/**
 * Throttles `page` as `conditions` says and records its requests through the DevTools protocol:
 * url, wall-clock start, the request that started it (parser or script initiator), status, and
 * whether it came from the cache.
 */
async function watch(page, conditions) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (conditions) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: conditions.latency, downloadThroughput: conditions.download, uploadThroughput: conditions.upload,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: conditions.cpu });
  }
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, request, wallTime, initiator }) => {
    if (request.url.startsWith('data:')) return;
    requests.set(requestId, { url: request.url, startedAt: wallTime * 1000, by: initiatorUrl(initiator), status: null, cached: false });
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const r = requests.get(requestId);
    if (r) Object.assign(r, { status: response.status, cached: r.cached || response.fromDiskCache || response.fromPrefetchCache });
  });
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    const r = requests.get(requestId);
    if (r) r.cached = true;
  });
  return { requests: () => [...requests.values()], clear: () => requests.clear() };
}

/** The URL of what started a request: the document that declared it, or the script that asked. */
function initiatorUrl(initiator) {
  if (initiator.url) return initiator.url;
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((f) => f.url);
    if (frame) return frame.url;
  }
  return null;
}

/** The request chain as text: each request under the one that started it, and its depth. */
function chain(requests) {
  const name = (url) => { const u = new URL(url); return u.pathname.split('/').pop() || u.pathname; };
  const children = new Map();
  const roots = [];
  const urls = new Set(requests.map((r) => r.url));
  for (const r of requests) {
    if (r.by && urls.has(r.by) && r.by !== r.url) (children.get(r.by) ?? children.set(r.by, []).get(r.by)).push(r.url);
    else roots.push(r.url);
  }
  let depth = 0;
  const draw = (url, level, seen) => {
    depth = Math.max(depth, level);
    const kids = [...new Set(children.get(url) ?? [])].filter((k) => !seen.has(k));
    const below = kids.map((k) => draw(k, level + 1, new Set([...seen, k])));
    return below.length === 0 ? name(url) : `${name(url)} → ${below.length === 1 ? below[0] : `{ ${below.join(', ')} }`}`;
  };
  const text = [...new Set(roots)].map((url) => draw(url, 1, new Set([url]))).join('; ');
  return { text, depth };
}

const isOurs = (url) => !/\/(favicon\.ico|stub-audience\.js)$/.test(new URL(url).pathname);
const isPage = (url) => new URL(url).pathname.startsWith('/bench/');

/** Raw, gzip and brotli bytes of `bodies`. */
function measureBytes(bodies) {
  const bytes = { raw: 0, gzip: 0, brotli: 0 };
  for (const body of bodies) {
    bytes.raw += body.length;
    bytes.gzip += gzipSync(body, { level: 9 }).length;
    bytes.brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return bytes;
}

/**
 * Starts a trace of what the page's threads run (the tasks of its main thread among them).
 * `stop()` ends it and gives its events.
 */
async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,loading',
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      return events;
    },
  };
}

/**
 * Total blocking time as Lighthouse counts it, from a trace: every task of the page's main
 * thread (the one that painted its first content) after the first contentful paint, less its
 * first 50 ms. Taken from the trace rather than the page's `longtask` entries, which leave out
 * tasks that V8 posts itself: the continuation of an asynchronous WebAssembly compilation, where
 * the old first layer ran its whole start (a 150 ms task at 4x CPU reported as none). Tasks that
 * evaluate the harness's own scripts (Playwright's, sent over the DevTools protocol: their
 * `EvaluateScript` has no URL) are left out: they are 40-100 ms at 4x CPU, come once or twice in
 * every library's page, and a visitor's browser never runs them.
 */
function tbtFromTrace(events) {
  const fcp = events.find((e) => e.name === 'firstContentfulPaint');
  if (!fcp) throw new Error('bench: no first contentful paint in the trace');
  const onMain = (e) => e.pid === fcp.pid && e.tid === fcp.tid;
  const harness = events.filter((e) => onMain(e) && e.name === 'EvaluateScript' && !e.args?.data?.url);
  const isHarness = (task) => harness.some((e) => e.ts >= task.ts && e.ts <= task.ts + task.dur);
  return events
    .filter((e) => e.name === 'RunTask' && onMain(e) && e.dur && e.ts + e.dur > fcp.ts && !isHarness(e))
    .reduce((total, e) => total + Math.max(0, (e.ts + e.dur - Math.max(e.ts, fcp.ts)) / 1000 - 50), 0);
}

/** Resolves when the page says `bench:<what>` in its console (see `instrument`). */
function said(page, what) {
  return page.waitForEvent('console', { predicate: (message) => message.text() === `bench:${what}`, timeout: 60_000 });
}

/** A fresh browser context whose page is instrumented and watched. */
async function freshPage(browser, lib, conditions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const network = await watch(page, conditions);
  const bodies = new Map();
  page.on('response', async (response) => {
    if (isPage(response.url()) || !isOurs(response.url())) return;
    try { bodies.set(response.url(), await response.body()); } catch { /* redirects have no body */ }
  });
  await page.addInitScript(instrument, { banner: lib.banner, panel: lib.panel });
  return { context, page, network, bodies };
}

/** A cold first visit, then "Personnaliser" clicked 0.5 s after the banner shows. */
async function firstVisit(browser, baseUrl, lib, conditions) {
  const { context, page, network, bodies } = await freshPage(browser, lib, conditions);
  const trace = await startTrace(page);
  const bannerShown = said(page, 'banner');
  await page.goto(`${baseUrl}/bench/${lib.page}`);
  await bannerShown;
  await page.waitForTimeout(500);
  // Blocking time before the click (the click's own work is the panel's figure).
  const tbtMs = Math.round(tbtFromTrace(await trace.stop()));
  const { timeOrigin, bannerAt } = await page.evaluate(() => ({ timeOrigin: performance.timeOrigin, bannerAt: window.__metrics.bannerAt }));
  const beforeClick = network.requests();
  const panelShown = said(page, 'panel');
  await page.click(lib.customise);
  await panelShown;
  const m = await page.evaluate(() => window.__metrics);
  await context.close();
  const bannerWall = timeOrigin + bannerAt;
  const critical = beforeClick.filter((r) => r.startedAt <= bannerWall);
  const background = beforeClick.filter((r) => r.startedAt > bannerWall);
  const bodiesOf = (rs) => rs.filter((r) => isOurs(r.url) && !isPage(r.url) && bodies.has(r.url)).map((r) => bodies.get(r.url));
  const bytes = measureBytes(bodiesOf(critical));
  const { text, depth } = chain(critical.filter((r) => isOurs(r.url)));
  return {
    bannerMs: m.bannerAt,
    tbtMs,
    cls: m.cls,
    files: critical.filter((r) => isOurs(r.url) && !isPage(r.url)).map((r) => new URL(r.url).pathname),
    ...bytes,
    backgroundBrotli: measureBytes(bodiesOf(background)).brotli,
    backgroundFiles: background.filter((r) => isOurs(r.url)).map((r) => new URL(r.url).pathname),
    chain: text,
    chainDepth: depth,
    panelResponseMs: m.responseAt - m.clickAt,
    panelMs: m.panelAt - m.clickAt,
  };
}

/** A first visit accepted, then a returning visit (a new navigation, cache warm). */
async function returningVisit(browser, baseUrl, lib, conditions) {
  const { context, page, network } = await freshPage(browser, lib, conditions);
  const url = `${baseUrl}/bench/${lib.page}`;
  const bannerShown = said(page, 'banner');
  await page.goto(url);
  await bannerShown;
  // Only the setup of the returning visit: give every library time to be fully ready
  // (tarteaucitron shows its banner before its services are registered).
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  await page.click(lib.accept);
  await page.waitForFunction(() => window.__audienceRuns >= 1, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  network.clear();
  const audienceRan = said(page, 'audience');
  await page.goto(url); // a navigation, not a reload: a reload revalidates everything
  await audienceRan;
  await page.waitForTimeout(300);
  const m = await page.evaluate(() => ({ audienceAt: window.__audienceAt }));
  const requests = network.requests().filter((r) => isOurs(r.url));
  await context.close();
  return {
    audienceMs: m.audienceAt,
    networkRequests: requests.filter((r) => !r.cached).length,
    notModified: requests.filter((r) => r.status === 304).length,
    chainDepth: chain(requests).depth,
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const summarise = (runs) => {
  const out = {};
  for (const key of Object.keys(runs[0])) {
    out[key] = typeof runs[0][key] === 'number' ? stat(runs.map((r) => r[key])) : runs[0][key];
  }
  return out;
};

const mounts = {
  '/bench/': here('./pages/'),
  '/peers/cookieconsent/': here('../node_modules/vanilla-cookieconsent/dist/'),
  '/peers/klaro/': here('../node_modules/klaro/dist/'),
  '/peers/tarteaucitron/': here('../node_modules/tarteaucitronjs/'),
};
const servers = {
  revalidate: await startServer({ compress: true, mounts, caching: 'revalidate' }),
  long: await startServer({ compress: true, mounts, caching: 'long' }),
};
const chosen = (process.env.PROFILES ?? Object.keys(PROFILES).join(',')).split(',');
for (const key of chosen) if (!PROFILES[key]) throw new Error(`unknown profile ${key}; expected one of ${Object.keys(PROFILES)}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
const results = { date: new Date().toISOString(), runs: RUNS, chromium: browser.version(), profiles: {} };
try {
  for (const key of chosen) {
    const { label, conditions } = PROFILES[key];
    const samples = Object.fromEntries(LIBRARIES.map((l) => [l.name, { first: [], revalidate: [], long: [] }]));
    for (let i = 0; i < RUNS; i++) {
      const order = LIBRARIES.map((_, k) => LIBRARIES[(k + i) % LIBRARIES.length]); // alternate pages
      for (const lib of order) {
        const s = samples[lib.name];
        s.first.push(await firstVisit(browser, servers.revalidate.url, lib, conditions));
        s.revalidate.push(await returningVisit(browser, servers.revalidate.url, lib, conditions));
        s.long.push(await returningVisit(browser, servers.long.url, lib, conditions));
      }
      process.stderr.write(`${label}: run ${i + 1}/${RUNS}\n`);
    }
    results.profiles[key] = {
      label,
      libraries: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, {
        first: summarise(s.first), revalidate: summarise(s.revalidate), long: summarise(s.long),
      }])),
    };
  }
} finally {
  await browser.close();
  await servers.revalidate.close();
  await servers.long.close();
}

const fmt = (s, digits = 0) => `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
const report = [];
const say = (line = '') => {
  console.log(line);
  report.push(line);
};
for (const { label, libraries } of Object.values(results.profiles)) {
  say(`\n## ${label} (${RUNS} cold runs, medians [min–max])\n`);
  say('| library | files | brotli B | banner visible ms | TBT ms | CLS | background brotli B | panel: first change ms | panel visible ms |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, { first: f }] of Object.entries(libraries)) {
    say(`| ${name} | ${f.files.length} | ${f.brotli.median} | ${fmt(f.bannerMs)} | ${fmt(f.tbtMs)} | ${f.cls.median.toFixed(3)} | ${f.backgroundBrotli.median} | ${fmt(f.panelResponseMs)} | ${fmt(f.panelMs)} |`);
  }
  say('\n| library | returning, revalidated (304): audience runs at ms | requests (304) | returning, cached a year: audience runs at ms | requests |');
  say('|---|---:|---:|---:|---:|');
  for (const [name, { revalidate: r, long: l }] of Object.entries(libraries)) {
    say(`| ${name} | ${fmt(r.audienceMs)} | ${r.networkRequests.median} (${r.notModified.median}) | ${fmt(l.audienceMs)} | ${l.networkRequests.median} |`);
  }
  say('\n| library | request chain of a first visit (→ : started by) | depth |');
  say('|---|---|---:|');
  for (const [name, { first: f }] of Object.entries(libraries)) say(`| ${name} | ${f.chain} | ${f.chainDepth.median} |`);
  const ours = libraries['cookie-charter'];
  if (!ours) continue;
  say('\n| cookie-charter / peer | brotli bytes | banner visible | TBT | panel visible | returning (304) | returning (cached) |');
  say('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, s] of Object.entries(libraries)) {
    if (name === 'cookie-charter') continue;
    const r = (part, k) => {
      const peer = s[part][k].median;
      return peer === 0 ? (ours[part][k].median === 0 ? '=' : '∞') : (ours[part][k].median / peer).toFixed(2);
    };
    say(`| ${name} | ${r('first', 'brotli')} | ${r('first', 'bannerMs')} | ${r('first', 'tbtMs')} | ${r('first', 'panelMs')} | ${r('revalidate', 'audienceMs')} | ${r('long', 'audienceMs')} |`);
  }
}

// One file a run: the tables above, with the machine and the build they were measured on.
const stamp = results.date.slice(0, 16).replace('T', '-').replace(':', '');
const folder = here('../docs/benchmarks/');
mkdirSync(folder, { recursive: true });
const ours = results.profiles[chosen[0]]?.libraries['cookie-charter']?.first;
const header = [
  `# Benchmark run of ${results.date.slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Written by \`npm run bench\` (see [the method](README.md)). Compare the ratios of this run;`,
  'absolute times move from one run to the next on a shared machine.',
  '',
  `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()[0].toFixed(2)} at the end`,
  `- browser: Chromium ${results.chromium}, headless`,
  `- runs: ${RUNS} cold runs a profile, libraries: ${LIBRARIES.map((l) => l.name).join(', ')}`,
  ours ? `- cookie-charter's first visit: ${ours.brotli.median} B brotli` : null,
].filter((line) => line !== null);
writeFileSync(`${folder}${stamp}.md`, [...header, ...report].join('\n') + '\n');
writeFileSync(`${folder}${stamp}.json`, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten: docs/benchmarks/${stamp}.md and .json`);
