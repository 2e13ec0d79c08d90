// Where the page's main thread spends its time before cookie-charter's banner shows (first visit)
// and before the audience script runs (returning visitor, files cached), traced in headless
// Chromium with 4x CPU and no network throttling, so that only the work in the page counts. Run
// on demand, never part of the tests:
//
//   npm run bench:trace          (after npm run build; RUNS=7 by default)
//
// For each visit: the time from navigation start to the banner (or the audience script), and the
// main thread's time by kind of work, from the Chromium trace (DevTools protocol `Tracing`):
// compiling JavaScript, evaluating the module, compiling wasm functions at their first call
// (Chromium compiles a wasm module's functions lazily, on the main thread), style and layout.
// Medians of RUNS; the kinds overlap nowhere but do not add up to the total (idle time, tasks of
// other kinds). It also counts the bytes of the wasm's code that ran (the functions compiled):
// what a first layer split at the banner would have to carry. The returning visit opens in the
// same tab, whose process keeps the wasm code it compiled for the first: its wasm figures are
// those of a return in the same tab. The benchmark (npm run bench) measures the visitor's times;
// this says where ours go.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { readLeb, readName, skipImportDescription } from '../scripts/shorten-wasm-names.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const BANNER = '.cookie-charter__banner';
const ACCEPT = '.cookie-charter__banner [data-action=accept-all]';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];
const CATEGORIES = 'devtools.timeline,v8,v8.wasm,disabled-by-default-v8.compile,blink,blink.user_timing';

/** Trace events of the main thread summed by kind; `count` counts wasm functions compiled. */
const KINDS = [
  ['JavaScript compiled on the main thread', ['V8.CompileCode', 'V8.ParseFunction']],
  ['module evaluated', ['v8.evaluateModule']],
  ['wasm functions compiled at their first call', ['wasm.CompileLazy'], 'count'],
  ['style and layout', ['Document::UpdateStyleAndLayout', 'UpdateLayoutTree', 'Layout']],
  ['code cache written (Chromium keeps compiled JavaScript for the next visits)', ['v8.produceModuleCache', 'v8.produceCache']],
];

/**
 * The size of each function body of the first layer's wasm as built (`target/pkg`, the file
 * `cookie-charter.js` carries), by function index counted from the first import, and how many
 * imports come first: what turns the trace's compiled function indices into bytes of code.
 */
function functionSizes(file) {
  const bytes = readFileSync(file);
  const number = (at) => { const [value, next] = readLeb(bytes, at); return [Number(value), next]; };
  let imports = 0;
  const sizes = [];
  for (let at = 8; at < bytes.length;) {
    const section = bytes[at];
    const [size, start] = number(at + 1);
    let [count, cursor] = section === 2 || section === 10 ? number(start) : [0, start];
    for (; count > 0; count--) {
      if (section === 2) {
        [, cursor] = readName(bytes, cursor);
        [, cursor] = readName(bytes, cursor);
        if (bytes[cursor] === 0) imports++;
        cursor = skipImportDescription(bytes, cursor);
      } else {
        let body;
        [body, cursor] = number(cursor);
        sizes.push(body);
        cursor += body;
      }
    }
    at = start + size;
  }
  return { imports, sizes };
}
const WASM = functionSizes(fileURLToPath(new URL('../target/pkg/cookie-charter_bg.wasm', import.meta.url)));
const CODE_BYTES = WASM.sizes.reduce((sum, size) => sum + size, 0);

/** Runs `visit(page)` traced with 4x CPU; sums the main thread's events before `mark`. */
async function traced(page, visit, mark) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await visit();
  await cdp.send('Tracing.end');
  await complete;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const end = events.find((e) => e.name === mark);
  const start = events.find((e) => e.name === 'navigationStart');
  if (!end || !start) throw new Error(`trace: no ${end ? 'navigationStart' : mark} event`);
  const before = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && e.ts >= start.ts && e.ts <= end.ts);
  // Nested events of one kind (layout inside a forced style update) count once: the outermost.
  const row = { 'from navigation start': (end.ts - start.ts) / 1000 };
  for (const [kind, names, counted] of KINDS) {
    const own = before.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts);
    let total = 0, reach = -Infinity, count = 0;
    for (const e of own) {
      if (e.ts >= reach) { total += e.dur; count++; reach = e.ts + e.dur; }
    }
    row[kind] = total / 1000;
    if (counted) row[`${kind} (count)`] = count;
  }
  // Which of the wasm's code ran: each function is compiled at its first call, on any thread.
  const ran = new Set(events.filter((e) => e.name === 'wasm.CompileLazy' && e.ts <= end.ts).map((e) => e.args.func_index - WASM.imports));
  row['wasm code that ran (bytes of function bodies)'] = [...ran].reduce((sum, index) => sum + (WASM.sizes[index] ?? 0), 0);
  await cdp.detach();
  return row;
}

/**
 * Marks the first frame on which `selector` matches, and says so in the console: waiting on the
 * console injects nothing in the page (Playwright's `waitForFunction` would inject its own
 * script, whose compilation would count as the page's).
 */
function marker({ selector }) {
  const poll = () => {
    if (!document.querySelector(selector)) return requestAnimationFrame(poll);
    performance.mark('cookie-charter:banner');
    console.debug('cookie-charter:banner');
  };
  requestAnimationFrame(poll);
}

/** Navigates `page` to `url` and waits for the console to say `mark`. */
async function until(page, url, mark) {
  const said = page.waitForEvent('console', { predicate: (message) => message.text() === mark, timeout: 30_000 });
  await page.goto(url);
  await said;
}

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const server = await startServer({ compress: true, mounts: { '/bench/': here('./pages/') }, caching: 'long' });
const url = `${server.url}/bench/cookie-charter.html`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
const rows = { first: [], returning: [] };
try {
  // The server compresses each file once; a first load keeps that out of the runs.
  await (await browser.newPage()).goto(url);
  for (let i = 0; i < RUNS; i++) {
    console.log(`run ${i + 1}/${RUNS}`);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(marker, { selector: BANNER });
    rows.first.push(await traced(page, () => until(page, url, 'cookie-charter:banner'), 'cookie-charter:banner'));
    await page.click(ACCEPT);
    await page.waitForFunction(() => window.__audienceRuns >= 1);
    // The stub script counts its runs in window.__audienceRuns (www/stub-audience.js): its first
    // count marks the trace.
    await page.addInitScript(() => {
      let runs;
      Object.defineProperty(window, '__audienceRuns', {
        configurable: true,
        get: () => runs,
        set: (value) => {
          if (runs === undefined) {
            performance.mark('cookie-charter:audience');
            console.debug('cookie-charter:audience');
          }
          runs = value;
        },
      });
    });
    rows.returning.push(await traced(page, () => until(page, url, 'cookie-charter:audience'), 'cookie-charter:audience'));
    await context.close();
  }
} finally {
  await browser.close();
  server.close?.();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`\n## main thread before the banner / the audience script (4x CPU, no network throttling, medians of ${RUNS})\n`);
console.log('| | first visit: banner | returning, cached, same tab: audience script |');
console.log('|---|---:|---:|');
for (const key of Object.keys(rows.first[0])) {
  const cell = (list) => {
    const value = median(list.map((r) => r[key]));
    if (key.endsWith('(count)')) return String(value);
    return key.includes('bytes') ? `${value} of ${CODE_BYTES}` : `${value.toFixed(1)} ms`;
  };
  console.log(`| ${key} | ${cell(rows.first)} | ${cell(rows.returning)} |`);
}
