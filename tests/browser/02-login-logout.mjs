// Login refuses a wrong password with a message, opens the app with the
// right one, and logout brings the login page back (for good).
import { PASSWORD, check, run, screenshot } from './lib.mjs';

await run(async ({ daemon, page }) => {
  await page.goto(`${daemon.url}/#video`);
  await page.waitForSelector('#view-login:not([hidden])');
  await page.fill('#login-password', 'not the password');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#login-error:not([hidden])');
  check((await page.textContent('#login-error')).includes('incorrect'), 'wrong password reported');
  await screenshot(page, '02-login-error');

  await page.fill('#login-password', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#view-app:not([hidden])');
  // the tab asked for before logging in
  await page.waitForSelector('#tab-video:not([hidden]) details.section');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'rc_session');
  check(session && session.httpOnly && session.sameSite === 'Strict', `cookie: ${JSON.stringify(session)}`);
  check(!(await page.evaluate(() => document.cookie)).includes('rc_session'), 'not readable by scripts');

  await page.click('#logout');
  await page.waitForSelector('#view-login:not([hidden])');
  await page.reload();
  await page.waitForSelector('#view-login:not([hidden])');
  check(await page.isHidden('#view-app'), 'logged out after reload');
});
