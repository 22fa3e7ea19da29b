// Shared helpers of the browser tests: the real rpi-cam-web under a
// temporary root on a free loopback port, and Debian's Chromium driven by
// playwright-core with a fresh profile. Screenshots go to RC_SCREENSHOT_DIR
// (in the build directory) so a person can look at them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const PASSWORD = 'correct horse battery';
export const SKIP = 77;

const BIN = process.env.RC_WEB_BIN;
const CHROMIUM = process.env.RC_CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.RC_SCREENSHOT_DIR || path.join(os.tmpdir(), 'rc-web-screenshots');

export function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

export async function startDaemon(env = {}) {
  if (!BIN || !fs.existsSync(BIN)) {
    console.error('RC_WEB_BIN not set or missing');
    process.exit(SKIP);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-web-browser-'));
  const child = spawn(BIN, ['--root', root, '--port', '0', '--bind', '127.0.0.1', '--foreground'], {
    env: { ...process.env, RPI_CAM_LOGS_BACKEND: 'files', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log = [];
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('daemon did not start:\n' + log.join(''))), 60000);
    child.stderr.on('data', (chunk) => {
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i + 1);
        buf = buf.slice(i + 1);
        log.push(line);
        const m = line.match(/listening on https?:\/\/[^:]*:(\d+)/);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`daemon exited (${code}):\n${log.join('')}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    root,
    port,
    log,
    url: `http://127.0.0.1:${port}`,
    path: (...p) => path.join(root, ...p),
    async stop() {
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      fs.rmSync(root, { recursive: true, force: true });
      check(code === 0, `daemon exited with ${code ?? signal}:\n${log.slice(-40).join('')}`);
    },
  };
}

// The administrator password through the API, as a first-run form would.
export async function setupAdmin(daemon) {
  const r = await fetch(`${daemon.url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD }),
  });
  check(r.status === 200, `setup: HTTP ${r.status}`);
}

export async function launch(viewport = { width: 1280, height: 860 }) {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`no Chromium at ${CHROMIUM}`);
    process.exit(SKIP);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-web-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'fr-FR',
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function login(page, daemon) {
  await page.goto(`${daemon.url}/`);
  await page.waitForSelector('#view-login:not([hidden])');
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#view-app:not([hidden])');
}

// Runs a test with a daemon and a browser, reporting failures as exit 1.
export async function run(fn, { viewport, setup = true } = {}) {
  let daemon = null;
  let browser = null;
  let failed = null;
  try {
    daemon = await startDaemon();
    if (setup) await setupAdmin(daemon);
    browser = await launch(viewport);
    await fn({ daemon, page: browser.page, browser });
    // the page must not have thrown or logged errors along the way
    // refused requests the test makes on purpose show up as resource errors
    const real = browser.errors.filter((e) => !/Failed to load resource/.test(e));
    check(real.length === 0, `page errors:\n${real.join('\n')}`);
  } catch (e) {
    failed = e;
  }
  try {
    if (browser) await browser.close();
    if (daemon) await daemon.stop();
  } catch (e) {
    failed = failed || e;
  }
  if (failed) {
    console.error('FAIL:', failed.stack || failed);
    if (daemon) console.error(daemon.log.slice(-30).join(''));
    process.exit(1);
  }
  console.log('ok');
}
