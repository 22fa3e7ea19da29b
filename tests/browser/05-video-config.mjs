// The Video tab writes config.env through the schema: a good value is saved,
// a bad one is refused with a message on its field and nothing is written.
import fs from 'node:fs';
import { check, login, run, screenshot } from './lib.mjs';

await run(async ({ daemon, page }) => {
  await login(page, daemon);
  await page.goto(`${daemon.url}/#video`);
  await page.waitForSelector('#cfg-VIDEOOUT_WIDTH');
  await page.fill('#cfg-VIDEOOUT_WIDTH', '1280');
  await page.fill('#cfg-VIDEOOUT_HEIGHT', '720');
  await page.click('#video-save');
  await page.waitForSelector('.toast.ok');
  const env = daemon.path('etc/rpi-cam/config.env');
  const text = fs.readFileSync(env, 'utf8');
  check(text.includes('VIDEOOUT_WIDTH=1280') && text.includes('VIDEOOUT_HEIGHT=720'), `saved: ${text}`);

  const before = fs.readFileSync(env, 'utf8');
  // the RTSP section starts folded
  await page.click('details[data-group="video.rtsp"] > summary');
  await page.fill('#cfg-RTSP_PORT', '70000');
  await page.fill('#cfg-VIDEOOUT_FPS', '25');
  await page.click('#video-save');
  await page.waitForSelector('.field.invalid[data-key="RTSP_PORT"] .field-error:not([hidden])');
  const msg = await page.textContent('.field[data-key="RTSP_PORT"] .field-error');
  check(msg.includes('65535'), `field message: ${msg}`);
  check(fs.readFileSync(env, 'utf8') === before, 'nothing written on refusal');
  await screenshot(page, '05-video-invalid');
});
