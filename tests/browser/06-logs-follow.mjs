// The Logs tab shows a service's last lines and follows new ones live (SSE).
import fs from 'node:fs';
import path from 'node:path';
import { check, login, run, screenshot } from './lib.mjs';

await run(async ({ daemon, page }) => {
  const dir = daemon.path('var/log/rpi-cam');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'rpi_av_rtsp_recorder.log');
  fs.writeFileSync(file, '2026-11-25 10:00:00.000 rpi-cam-rtsp[1] INFO: pipeline playing\n');
  await login(page, daemon);
  await page.goto(`${daemon.url}/#logs`);
  await page.waitForSelector('#logs-view .logline');
  check((await page.textContent('#logs-view')).includes('pipeline playing'), 'last lines shown');
  await page.check('#logs-follow');
  // the stream resends the last lines first
  await page.waitForFunction(() => document.querySelector('#logs-view').textContent.includes('pipeline playing'));
  fs.appendFileSync(file, '2026-11-25 10:00:05.000 rpi-cam-rtsp[1] INFO: a client connected\n');
  await page.waitForFunction(() => document.querySelector('#logs-view').textContent.includes('a client connected'));
  await screenshot(page, '06-logs-follow');
  await page.uncheck('#logs-follow');
});
