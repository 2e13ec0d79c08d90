// The choice that survives Safari, in Chromium and in WebKit: with data-server-cookie the banner
// asks the register, behind the portal's own front, to set the choice cookie; the browser keeps
// the register's Set-Cookie with its attributes and the next page reads it. Served over https
// (WebKit refuses a Secure cookie over http, even from localhost), with a certificate made for
// the run. The register's consent lifetime is set to 30 days against the banner's 182: the
// lifetime of the cookie the browser ends up with tells whose Set-Cookie it kept.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { freePort, startRegister } from '../e2e/register-process.mjs';
import { chromiumDriver, webkitDriver, runScenarios } from './drivers.mjs';

const BANNER = '.cookie-charter__banner';
const REGISTER_DAYS = 30;

/** A self-signed certificate for localhost, made with openssl: { key, cert }. */
function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

let server;
let register;
before(async () => {
  const port = await freePort();
  server = await startServer({ tls: certificate(), register: `http://127.0.0.1:${port}` });
  register = await startRegister({ port, origins: [server.url], portalSettings: `consent_days = ${REGISTER_DAYS}` });
});
after(async () => {
  register?.stop();
  await server?.close();
});

const exists = (selector) => document.querySelector(selector) !== null;
const clickOn = (selector) => {
  document.querySelector(selector).click();
  return true;
};
const audienceRequested = () => performance.getEntriesByType('resource')
  .some((e) => new URL(e.name).pathname === '/stub-audience.js');

/** Polls `probe()` until it returns something truthy (10 s at most). */
async function until(what, probe) {
  for (let i = 0; i < 200; i++) {
    const value = await probe().catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never happened`);
}

runScenarios([chromiumDriver, webkitDriver], {
  async 'the register sets the choice cookie, Secure and Lax for its lifetime, and the next page reads it'(s) {
    await s.goto(`${server.url}/`);
    await until('the banner shows', () => s.evaluate(exists, BANNER));
    await s.evaluate(clickOn, `${BANNER} [data-action=accept-all]`);
    const kept = await until('the register\'s cookie replaces the banner\'s', async () => {
      const cookie = (await s.cookies()).find((c) => c.name === 'cookies_preferences');
      const days = cookie ? (cookie.expires - Date.now() / 1000) / 86400 : Infinity;
      return days <= REGISTER_DAYS + 1 && cookie;
    });
    assert.equal(kept.secure, true);
    assert.equal(kept.sameSite, 'Lax');
    assert.equal(kept.path, '/');
    assert.ok(kept.expires > Date.now() / 1000 + (REGISTER_DAYS - 1) * 86400, 'the register\'s lifetime');
    assert.equal(JSON.parse(decodeURIComponent(kept.value)).c.audience, true);

    await s.goto(`${server.url}/charte-cookies.html`);
    await until('the component starts', () => s.evaluate(exists, '#cookie-charter'));
    await until('the audience script loads', () => s.evaluate(audienceRequested));
    assert.equal(await s.evaluate(exists, BANNER), false, 'the choice is read: no banner');
  },
}, { insecureCerts: true });
