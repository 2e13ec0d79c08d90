// The webmaster's way in: the release zip (`scripts/release.sh --no-build`, on the dist/ built
// before), unzipped, its checksums and integrity values checked, its `cookie-charter/` folder
// copied to a static site, and the README's quick-start tag pasted as it stands: the banner
// shows, nothing optional loads before "Tout accepter", the audience script after, and the
// console has no [cookie-charter] error. Headless Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './e2e/browser.mjs';
import { docBlock } from '../scripts/doc-snippet.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version, files } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const name = `cookie-charter-${version}`;
const work = mkdtempSync(join(tmpdir(), 'cookie-charter-release-'));
const unzipped = join(work, name);

/** The README's quick-start tag. */
const quickStartTag = () => docBlock('quick-start-tag', 'html').text.trim();

let server;
let browser;
before(async () => {
  execFileSync('bash', ['scripts/release.sh', '--no-build'], { cwd: root, stdio: 'pipe' });
  execFileSync('unzip', ['-q', join(root, `${name}.zip`), '-d', work]);
  // The webmaster's site: one copied folder, one page with the pasted tag, their own Matomo.
  const site = join(work, 'site');
  cpSync(join(unzipped, 'cookie-charter'), join(site, 'cookie-charter'), { recursive: true });
  writeFileSync(join(site, 'matomo.js'), 'window.__matomoRuns = (window.__matomoRuns || 0) + 1;\n');
  writeFileSync(join(site, 'charte-cookies.html'), '<!doctype html><title>Charte</title>\n');
  const page = (tag) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Portail</title><link rel="icon" href="data:,">\n${tag}\n</head><body><main><h1>Portail</h1></main></body></html>\n`;
  writeFileSync(join(site, 'index.html'), page(quickStartTag()));
  const sri = Object.fromEntries(readFileSync(join(unzipped, 'SRI'), 'utf8').trim().split('\n').map((l) => l.split(' ')));
  const pinned = quickStartTag().replace('<script ', `<script integrity="${sri['cookie-charter/cookie-charter.js']}" crossorigin="anonymous" `);
  writeFileSync(join(site, 'pinned.html'), page(pinned));
  const serve = sirv(site, { dev: true });
  server = http.createServer((req, res) => serve(req, res, () => { res.statusCode = 404; res.end(); }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  rmSync(work, { recursive: true, force: true });
  rmSync(join(root, `${name}.zip`), { force: true });
});

test('the zip holds one folder with every file of the package, the README, the licence, checksums and integrity values', () => {
  assert.deepEqual(readdirSync(unzipped).sort(), ['LICENSE', 'README.md', 'SHA384SUMS', 'SRI', 'cookie-charter']);
  // A pattern of "files" (the first layer's wasm, named by its content) stands for one file.
  const dist = readdirSync(join(root, 'dist'));
  const shipped = files.map((f) => f.split('/').pop())
    .map((f) => (f.includes('*') ? dist.filter((d) => new RegExp(`^${f.replaceAll('.', '\\.').replace('*', '[^/]*')}$`).test(d)) : [f]))
    .map((matched) => { assert.equal(matched.length, 1, `${matched}`); return matched[0]; })
    .sort();
  assert.deepEqual(readdirSync(join(unzipped, 'cookie-charter')).sort(), shipped);
  // `sha384sum -c` is what the README tells webmasters to run.
  execFileSync('sha384sum', ['--quiet', '-c', 'SHA384SUMS'], { cwd: unzipped });
  const sums = readFileSync(join(unzipped, 'SHA384SUMS'), 'utf8').trim().split('\n');
  const sri = readFileSync(join(unzipped, 'SRI'), 'utf8').trim().split('\n');
  assert.equal(sums.length, shipped.length);
  assert.equal(sri.length, shipped.length);
  for (const line of sri) {
    const [file, integrity] = line.split(' ');
    const digest = createHash('sha384').update(readFileSync(join(unzipped, file))).digest('base64');
    assert.equal(integrity, `sha384-${digest}`, file);
  }
});

for (const [what, path] of [['the README\'s tag as it stands', '/'], ['the same tag pinned with its SRI line', '/pinned.html']]) {
  test(`a webmaster's site with ${what}: banner, nothing before consent, the audience script after`, async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const missing = [];
    page.on('response', (r) => { if (r.status() >= 400) missing.push(new URL(r.url()).pathname); });
    page.on('console', (m) => { if (m.type() === 'error' || m.text().includes('[cookie-charter]')) errors.push(m.text()); });
    const { port } = server.address();
    await page.goto(`http://localhost:${port}${path}`);
    await page.waitForSelector('.cookie-charter__banner', { state: 'visible' });
    await page.waitForLoadState('networkidle');
    assert.ok(!requests.includes('/matomo.js'), 'nothing optional before a choice');
    await page.click('text=Tout accepter');
    await page.waitForFunction(() => window.__matomoRuns === 1);
    assert.deepEqual(missing, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
