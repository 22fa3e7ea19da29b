// The aliases of spec §9.2.1bis (rewritten to the real tab), the ?tab=x
// and ?x forms, the back button, and a phone-sized layout.
import { check, login, run, screenshot } from './lib.mjs';

const ALIASES = { camera: 'video', rec: 'recordings', diag: 'system', update: 'system', journal: 'logs', settings: 'config', leds: 'home', bogus: 'home' };

async function visible(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('#panels .panel')).filter((p) => !p.hidden).map((p) => p.dataset.panel));
}

await run(async ({ daemon, page }) => {
  await login(page, daemon);
  for (const [alias, tab] of Object.entries(ALIASES)) {
    await page.goto(`${daemon.url}/#${alias}`);
    await page.waitForFunction((t) => window.location.hash === `#${t}`, tab);
    check(JSON.stringify(await visible(page)) === JSON.stringify([tab]), `#${alias} -> ${tab}`);
  }
  await page.goto(`${daemon.url}/?tab=logs`);
  await page.waitForFunction(() => window.location.hash === '#logs');
  await page.goto(`${daemon.url}/?system`);
  await page.waitForFunction(() => window.location.hash === '#system');

  // clicking tabs, then the browser's back button
  await page.click('#tabs a[data-tab="video"]');
  await page.waitForFunction(() => window.location.hash === '#video');
  await page.click('#tabs a[data-tab="services"]');
  await page.waitForFunction(() => window.location.hash === '#services');
  await page.goBack();
  await page.waitForFunction(() => window.location.hash === '#video' && !document.querySelector('#tab-video').hidden);

  // phone width: tabs scroll, cards stack
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${daemon.url}/#home`);
  await page.waitForSelector('#tab-home [data-card="home.stream"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px)`);
  await screenshot(page, '07-phone-home');
  await page.goto(`${daemon.url}/#video`);
  await page.waitForSelector('#tab-video details.section');
  await screenshot(page, '07-phone-video');
});
