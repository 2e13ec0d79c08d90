// Three browser engines behind one small interface, so that one list of scenarios runs in each:
// Chromium (playwright-core, Debian's chromium), Firefox (puppeteer-core over WebDriver BiDi,
// Debian's firefox-esr) and WebKit (selenium-webdriver with WebKitWebDriver driving WebKitGTK's
// MiniBrowser, which needs a display: run under `xvfb-run -a`). No driver downloads a browser.
//
// A driver: { name, start(), session({ insecureCerts }), stop() }. A session is a fresh browser
// profile (no cookies, no storage): { goto(url), evaluate(fn, ...args), press(selector),
// cookies(), close() }; `insecureCerts` accepts the tests' self-signed https certificate, and
// `cookies()` lists the profile's cookies as the browser keeps them ({ name, value, path,
// secure, sameSite, expires } in seconds), HttpOnly and Secure ones included.
// Scenarios mostly act in the page (clicks are `element.click()`); `press` is the visitor's
// own click, through the driver's input, for the controls that ignore a click made by script
// (a placeholder's "Autoriser et afficher").
import { spawn } from 'node:child_process';
import { describe, test, before, after } from 'node:test';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder, By } from 'selenium-webdriver';
import { freePort } from '../e2e/register-process.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic'];

/** A function to run in the page, written as source so that every driver can send it. */
const call = (fn, args) => `return (${fn})(...${JSON.stringify(args)});`;

/** A cookie as every driver lists it. */
const cookieOf = (c) => ({
  name: c.name, value: c.value, path: c.path, secure: c.secure, sameSite: c.sameSite, expires: c.expires ?? c.expiry,
});

/** A session over a Playwright or Puppeteer page (the two share these calls) in `context`. */
function pageSession(context, page, cookies) {
  return {
    goto: (url) => page.goto(url),
    evaluate: (fn, ...args) => page.evaluate(new Function(call(fn, args))),
    press: (selector) => page.click(selector),
    cookies: async () => (await cookies()).map(cookieOf),
    close: () => context.close(),
  };
}

/** Rethrows `error` saying which engine could not start and what it needs. */
function cannotStart(name, needs, error) {
  throw new Error(`[engines] ${name} could not start (${needs}): ${error.message}`);
}

export const chromiumDriver = {
  name: 'Chromium',
  async start() {
    try {
      this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    } catch (error) {
      cannotStart(this.name, `Debian's chromium at ${CHROMIUM}`, error);
    }
  },
  async session({ insecureCerts = false } = {}) {
    const context = await this.browser.newContext({ locale: 'fr-FR', ignoreHTTPSErrors: insecureCerts });
    return pageSession(context, await context.newPage(), () => context.cookies());
  },
  async stop() {
    await this.browser?.close();
  },
};

export const firefoxDriver = {
  name: 'Firefox',
  async start() {
    try {
      this.browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    } catch (error) {
      cannotStart(this.name, `Debian's firefox-esr at ${FIREFOX}`, error);
    }
  },
  async session({ insecureCerts = false } = {}) {
    if (insecureCerts) throw new Error('[engines] the Firefox driver does not take a self-signed certificate');
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    return pageSession(context, page, () => page.cookies());
  },
  async stop() {
    await this.browser?.close();
  },
};

/** Waits until something listens on `port`, for at most `ms`. */
async function listening(port, ms) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const ok = await fetch(`http://127.0.0.1:${port}/status`).then(() => true, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on port ${port}`);
}

export const webkitDriver = {
  name: 'WebKit',
  async start() {
    try {
      if (!process.env.DISPLAY) throw new Error('no display: run the engine tests under `xvfb-run -a`');
      this.port = await freePort();
      this.process = spawn(WEBKIT_DRIVER, [`--port=${this.port}`], { stdio: 'ignore' });
      this.process.once('error', () => {});
      await listening(this.port, 10_000);
      // One MiniBrowser now, so that an engine that cannot start fails here, not in a scenario.
      await (await this.session()).close();
    } catch (error) {
      cannotStart(this.name, `webkit2gtk-driver (${WEBKIT_DRIVER}) and ${MINIBROWSER}`, error);
    }
  },
  async session({ insecureCerts = false } = {}) {
    // A session is a new MiniBrowser: a fresh profile, as the other engines' contexts are.
    const driver = await new Builder().usingServer(`http://127.0.0.1:${this.port}`).withCapabilities({
      browserName: 'MiniBrowser',
      acceptInsecureCerts: insecureCerts,
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build();
    return {
      goto: (url) => driver.get(url),
      evaluate: (fn, ...args) => driver.executeScript(call(fn, args)),
      press: async (selector) => (await driver.findElement(By.css(selector))).click(),
      cookies: async () => (await driver.manage().getCookies()).map(cookieOf),
      close: () => driver.quit(),
    };
  },
  async stop() {
    this.process?.kill();
  },
};

export const DRIVERS = [chromiumDriver, firefoxDriver, webkitDriver];

/**
 * Runs `scenarios` (name → async (session) => …) in each of `drivers`, a fresh session each
 * (opened with `sessionOptions`). An engine that cannot start fails its scenarios with what it
 * needs.
 */
export function runScenarios(drivers, scenarios, sessionOptions = {}) {
  for (const driver of drivers) {
    describe(driver.name, () => {
      let started = null;
      before(async () => {
        started = driver.start().then(() => null, (error) => error);
        await started;
      });
      after(() => driver.stop());
      for (const [name, scenario] of Object.entries(scenarios)) {
        // A driver command that never returns (seen once with WebKitWebDriver) fails the
        // scenario after a minute instead of holding the test command.
        test(name, { timeout: 60_000 }, async () => {
          const error = await started;
          if (error) throw error;
          const session = await driver.session(sessionOptions);
          try {
            await scenario(session);
          } finally {
            await session.close();
          }
        });
      }
    });
  }
}
