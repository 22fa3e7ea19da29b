// Every tab through its hash: only that panel shown, its link highlighted,
// no raw value (null, undefined, NaN) on it; a screenshot per tab.
import { check, login, run, screenshot } from './lib.mjs';

const TABS = ['home', 'video', 'recordings', 'config', 'services', 'logs', 'system'];

async function visible(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('#panels .panel')).filter((p) => !p.hidden).map((p) => p.dataset.panel));
}

await run(async ({ daemon, page }) => {
  await login(page, daemon);
  for (const tab of TABS) {
    await page.goto(`${daemon.url}/#${tab}`);
    await page.waitForFunction((t) => !document.querySelector(`#tab-${t}`).hidden && document.querySelector(`#tab-${t}`).childElementCount > 0, tab);
    check(JSON.stringify(await visible(page)) === JSON.stringify([tab]), `only ${tab} shown`);
    check((await page.getAttribute(`#tabs a[data-tab="${tab}"]`, 'class')).includes('active'), `${tab} highlighted`);
    await page.waitForTimeout(300); // let the async panel finish drawing before the picture
    const text = await page.evaluate((t) => document.querySelector(`#tab-${t}`).innerText, tab);
    check(!/\bnull\b|\bundefined\b|\[object Object\]|\bNaN\b/.test(text), `#${tab} shows a raw value`);
    await screenshot(page, `03-tab-${tab}`);
  }
});
