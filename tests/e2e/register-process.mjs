// The consent register as the end-to-end tests run it: the binary cargo built
// (target/debug/cookie-charter-register), on SQLite in a folder of its own, with the admin token
// ADMIN_TOKEN, serving one portal's charter for the origins given.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../target/debug/cookie-charter-register', import.meta.url));

/** The DPO's credential in the tests: a bearer token, or the password of HTTP Basic. */
export const ADMIN_TOKEN = 'e2e-admin-token';

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the register on `port` for portal `demo` (the built-in `opendatasoft` charter) on
 * `origins`, with `portalSettings` (TOML lines of the portal, e.g. `consent_days = 30`).
 * Resolves to { url, stop() } once it answers.
 */
export async function startRegister({ port, origins, portalSettings = '' }) {
  assert.ok(existsSync(BIN), 'build the register first: cargo build -p cookie-charter-register');
  const dir = mkdtempSync(join(tmpdir(), 'register-e2e-'));
  const config = join(dir, 'register.toml');
  writeFileSync(config, `listen = "127.0.0.1:${port}"
database = "sqlite://register.db"
admin_token_sha256 = "${createHash('sha256').update(ADMIN_TOKEN).digest('hex')}"
trusted_proxies = ["127.0.0.1/32", "::1/128"]

[[portals]]
id = "demo"
origins = ${JSON.stringify(origins)}
${portalSettings}
[[portals.charters]]
preset = "opendatasoft"
effective_from = "2026-01-01"
`);
  execFileSync(BIN, ['migrate', '--config', config]);
  const child = spawn(BIN, ['serve', '--config', config], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}
