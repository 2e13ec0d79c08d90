// The demo portal with its consent register, as scripts/demo.sh runs them: the banner's real
// receipts, forwarded by the portal's server, are kept by the register (SQLite in a file), and
// the DPO finds a visitor's receipt by the id in the visitor's cookie, and in the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, preferencesCookie, BANNER } from './browser.mjs';

const BIN = fileURLToPath(new URL('../../target/debug/cookie-charter-register', import.meta.url));
const TOKEN = 'e2e-admin-token';

/** A free port on the loopback interface. */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const env = {};
before(async () => {
  assert.ok(existsSync(BIN), 'build the register first: cargo build -p cookie-charter-register');
  const registerPort = await freePort();
  const register = `http://127.0.0.1:${registerPort}`;
  Object.assign(env, await launch({ register }));
  const origin = env.server.url;
  const dir = mkdtempSync(join(tmpdir(), 'register-e2e-'));
  const config = join(dir, 'register.toml');
  writeFileSync(config, `listen = "127.0.0.1:${registerPort}"
database = "sqlite://register.db"
admin_token_sha256 = "${createHash('sha256').update(TOKEN).digest('hex')}"
trusted_proxies = ["127.0.0.1/32", "::1/128"]

[[portals]]
id = "demo"
origins = ["${origin}"]
[[portals.charters]]
preset = "opendatasoft"
effective_from = "2026-01-01"
`);
  execFileSync(BIN, ['migrate', '--config', config]);
  env.register = spawn(BIN, ['serve', '--config', config], { stdio: 'ignore' });
  env.registerUrl = register;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${register}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
after(async () => {
  env.register?.kill('SIGTERM');
  await env.close?.();
});

/** The receipt `id` as the DPO looks it up. */
async function lookup(id) {
  const answer = await fetch(`${env.registerUrl}/v1/receipts/${id}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return { status: answer.status, body: answer.status === 200 ? await answer.json() : null };
}

test('a choice made in the demo is kept by the register, found by the cookie\'s id, and exported', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.click('text=Tout refuser');
  await page.waitForSelector(BANNER, { state: 'detached' });
  const refusal = (await preferencesCookie(context)).json.i;
  await page.click('text=Gérer mes cookies');
  await page.click('.cookie-charter__panel [data-action=accept-all]');
  await page.waitForSelector('#audience-badge');
  const acceptance = (await preferencesCookie(context)).json.i;
  assert.notEqual(refusal, acceptance);
  await context.close();

  let found = null;
  for (let i = 0; i < 50 && !(found?.status === 200); i++) {
    found = await lookup(acceptance);
    if (found.status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(found.status, 200, 'the visitor\'s receipt is in the register');
  assert.equal(found.body.receipt.choices.audience, true);
  assert.equal(found.body.receipt.action, 'accept-all');
  assert.equal(found.body.receipt.page, `${env.server.url}/`);
  const refused = await lookup(refusal);
  assert.equal(refused.body.receipt.choices.audience, false, 'the refusal is kept too');
  assert.equal(refused.body.receipt.action, 'refuse-all');

  const csv = await (await fetch(`${env.registerUrl}/v1/export?format=csv&portal=demo`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
  assert.ok(csv.includes(acceptance) && csv.includes(refusal), csv);
  const unauthorised = await fetch(`${env.registerUrl}/v1/export`);
  assert.equal(unauthorised.status, 401);
});
