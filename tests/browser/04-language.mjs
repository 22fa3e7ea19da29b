// French by default, English on request, the choice remembered across
// reloads (localStorage), and every visible text translated.
import { check, login, run, screenshot } from './lib.mjs';

await run(async ({ daemon, page }) => {
  await login(page, daemon);
  check((await page.textContent('#tabs a[data-tab="home"]')) === 'Accueil', 'French first');
  check((await page.getAttribute('html', 'lang')) === 'fr', 'lang=fr');
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#tabs a[data-tab="home"]').textContent === 'Home');
  await page.waitForSelector('#tab-home [data-card="home.stream"] h2:text("RTSP stream")');
  check((await page.getAttribute('html', 'lang')) === 'en', 'lang=en');
  await page.reload();
  await page.waitForSelector('#view-app:not([hidden])');
  check((await page.textContent('#tabs a[data-tab="system"]')) === 'System', 'English remembered');
  check((await page.inputValue('#language')) === 'en', 'selector shows English');
  // no key left untranslated anywhere on the page
  for (const tab of ['home', 'video', 'config', 'services', 'logs', 'system', 'recordings']) {
    await page.goto(`${daemon.url}/#${tab}`);
    await page.waitForFunction((t) => document.querySelector(`#tab-${t}`).childElementCount > 0, tab);
    await page.waitForTimeout(200);
    const text = await page.evaluate(() => document.body.innerText);
    const leftover = text.match(/\b(app|nav|home|video|config|services|logs|system|security|common|units|state|lang|login|setup|recordings)\.[a-z_]+\b/);
    check(!leftover, `untranslated key on #${tab}: ${leftover && leftover[0]}`);
  }
  await page.goto(`${daemon.url}/#home`);
  await page.waitForSelector('#tab-home [data-card="home.stream"]');
  await screenshot(page, '04-home-en');
  await page.selectOption('#language', 'fr');
  await page.waitForFunction(() => document.querySelector('#tabs a[data-tab="home"]').textContent === 'Accueil');
});
