// First run in a browser: the setup page asks for the administrator password
// (and refuses two different ones), then the home tab shows live status.
import { check, run, screenshot } from './lib.mjs';

await run(async ({ daemon, page }) => {
  await page.goto(`${daemon.url}/`);
  await page.waitForSelector('#view-setup:not([hidden])');
  check(await page.isHidden('#view-app'), 'the app stays hidden before setup');
  // French by default
  check((await page.textContent('#view-setup h2')) === 'Première mise en service', 'French setup page');
  await screenshot(page, '01-setup');

  await page.fill('#setup-password', 'correct horse battery');
  await page.fill('#setup-confirm', 'correct horse batterY');
  await page.click('#setup-form button[type=submit]');
  await page.waitForSelector('#setup-error:not([hidden])');
  check((await page.textContent('#setup-error')).includes('différents'), 'mismatch reported');

  await page.fill('#setup-confirm', 'correct horse battery');
  await page.click('#setup-form button[type=submit]');
  await page.waitForSelector('#view-app:not([hidden])');
  await page.waitForSelector('#tab-home [data-card="home.stream"]');
  check(page.url().endsWith('#home'), `home tab: ${page.url()}`);
  const url = await page.textContent('#tab-home .copy-row code');
  check(/^rtsp:\/\/.+:8554\/stream$/.test(url), `stream URL shown: ${url}`);
  await screenshot(page, '01-home');
}, { setup: false });
