// Camera detection in the Video tab: the real rpi-cam-rtsp fed a recorded
// C920 probe lists its modes; picking one fills the capture fields, saving
// writes them to config.env.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SKIP, check, login, run, screenshot } from './lib.mjs';

const RTSP = process.env.RC_RTSP_BIN;
if (!RTSP || !fs.existsSync(RTSP)) {
  console.error('RC_RTSP_BIN not set');
  process.exit(SKIP);
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

await run(async ({ daemon, page }) => {
  fs.mkdirSync(daemon.path('etc/rpi-cam'), { recursive: true });
  fs.writeFileSync(daemon.path('etc/rpi-cam/config.env'), `RTSP_PORT=${await freePort()}\nRECORD_ENABLE=no\n`);
  const fixture = path.join(process.env.RC_SOURCE_DIR, 'tests', 'fixtures', 'hw', 'c920.json');
  const rtsp = spawn(RTSP, ['--root', daemon.root, '--foreground', '--hw-fixture', fixture], { stdio: 'ignore' });
  const exited = new Promise((resolve) => rtsp.on('exit', resolve));
  try {
    await login(page, daemon);
    await page.goto(`${daemon.url}/#video`);
    await page.waitForSelector('#detect-run');
    // the RTSP daemon may still be starting: detect until it answers
    for (let i = 0; i < 60; i += 1) {
      await page.click('#detect-run');
      await page.waitForSelector('#detect-result > *');
      if (await page.$('#detect-mode option')) break;
      await page.waitForTimeout(500);
    }
    const modes = await page.$$eval('#detect-mode option', (opts) => opts.map((o) => o.textContent));
    check(modes.some((m) => m.includes('MJPG 1920×1080')), `modes: ${modes.slice(0, 5)}`);
    const value = await page.$$eval('#detect-mode option', (opts) => opts.find((o) => o.textContent.includes('MJPG 1920×1080')).value);
    await page.selectOption('#detect-mode', value);
    await page.click('#detect-use');
    check((await page.inputValue('#cfg-VIDEOIN_WIDTH')) === '1920', 'width filled');
    check((await page.inputValue('#cfg-VIDEOIN_FORMAT')) === 'MJPG', 'format filled');
    await screenshot(page, '08-camera-detect');
    await page.click('#video-save');
    await page.waitForSelector('.toast.ok:text("Enregistré")');
    const text = fs.readFileSync(daemon.path('etc/rpi-cam/config.env'), 'utf8');
    check(text.includes('VIDEOIN_WIDTH=1920') && text.includes('VIDEOIN_HEIGHT=1080') && text.includes('VIDEOIN_FORMAT=MJPG'),
      `saved: ${text}`);
  } finally {
    rtsp.kill('SIGTERM');
    await exited;
  }
});
