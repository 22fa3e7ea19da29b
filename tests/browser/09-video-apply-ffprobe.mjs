// The whole chain under `rpi-cam run` with the real RTSP daemon on its demo
// source: the home tab shows the live stream, a new output size saved and
// applied in the Video tab restarts the stream, and ffprobe sees the new
// size on the RTSP URL.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PASSWORD, SKIP, check, launch, screenshot } from './lib.mjs';

const RPI_CAM = process.env.RPI_CAM;
const RTSP = process.env.RC_RTSP_BIN;
const WEB = process.env.RC_WEB_BIN;
for (const [name, p] of [['RPI_CAM', RPI_CAM], ['RC_RTSP_BIN', RTSP], ['RC_WEB_BIN', WEB], ['ffprobe', '/usr/bin/ffprobe']]) {
  if (!p || !fs.existsSync(p)) {
    console.error(`${name} missing`);
    process.exit(SKIP);
  }
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

function ffprobe(url) {
  return new Promise((resolve) => {
    execFile('/usr/bin/ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-select_streams', 'v:0',
      '-show_entries', 'stream=width,height', '-of', 'csv=p=0', url], { timeout: 20000 },
    (err, stdout) => resolve(err ? null : stdout.trim()));
  });
}

async function until(fn, what, tries = 120) {
  for (let i = 0; i < tries; i += 1) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-web-chain-'));
const bin = path.join(root, 'bin');
fs.mkdirSync(bin);
fs.symlinkSync(WEB, path.join(bin, 'rpi-cam-web'));
fs.symlinkSync(RTSP, path.join(bin, 'rpi-cam-rtsp'));
const webPort = await freePort();
const rtspPort = await freePort();
fs.mkdirSync(path.join(root, 'etc/rpi-cam'), { recursive: true });
fs.writeFileSync(path.join(root, 'etc/rpi-cam/config.env'),
  `WEBMANAGER_PORT=${webPort}\nRTSP_PORT=${rtspPort}\nSTREAM_SOURCE_MODE=demo\nRECORD_ENABLE=no\n`);
const env = { ...process.env, RPI_CAM_BIN_DIR: bin, RPI_CAM_WEB_BIND: '127.0.0.1', RPI_CAM_LOGS_BACKEND: 'files' };
delete env.RPI_CAM_ROOT;
const out = [];
const sup = spawn(RPI_CAM, ['run', '--root', root], { env, stdio: ['ignore', 'pipe', 'pipe'] });
sup.stdout.on('data', (d) => out.push(d.toString()));
sup.stderr.on('data', (d) => out.push(d.toString()));
const supExit = new Promise((resolve) => sup.on('exit', (code) => resolve(code)));
const base = `http://127.0.0.1:${webPort}`;
const url = `rtsp://127.0.0.1:${rtspPort}/stream`;
let browser = null;
let failed = null;

try {
  await until(async () => {
    try {
      return (await fetch(`${base}/api/health`)).ok;
    } catch (e) {
      return false;
    }
  }, 'the web manager');
  const setup = await fetch(`${base}/api/auth/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password: PASSWORD }) });
  check(setup.ok, `setup ${setup.status}`);
  check((await until(() => ffprobe(url), 'the demo stream')) === '640,480', 'demo stream at 640x480');

  browser = await launch();
  const { page } = browser;
  await page.goto(`${base}/`);
  await page.waitForSelector('#view-login:not([hidden])');
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#tab-home [data-card="home.stream"] .badge[data-state="streaming"]');
  const card = await page.textContent('#tab-home [data-card="home.stream"]');
  check(card.includes('640 × 480'), `home stream card: ${card}`);
  await screenshot(page, '09-home-streaming');

  await page.goto(`${base}/#video`);
  await page.waitForSelector('#cfg-VIDEOOUT_WIDTH');
  await page.fill('#cfg-VIDEOOUT_WIDTH', '320');
  await page.fill('#cfg-VIDEOOUT_HEIGHT', '240');
  await page.click('#video-apply');
  await page.waitForSelector('.toast.ok');
  const toast = await page.textContent('.toast.ok');
  check(toast.includes('rpi-av-rtsp-recorder') && !toast.includes('onvif'), `applied toast (restarted units only): ${toast}`);
  check((await until(async () => ((await ffprobe(url)) === '320,240' ? 'yes' : null), 'the new size')) === 'yes', 'ffprobe sees 320x240');
  await page.goto(`${base}/#home`);
  await page.waitForFunction(() => document.querySelector('#tab-home [data-card="home.stream"]')?.textContent.includes('320 × 240'), null, { timeout: 30000 });
  await screenshot(page, '09-home-after-apply');
  const real = browser.errors.filter((e) => !/Failed to load resource/.test(e));
  check(real.length === 0, `page errors:\n${real.join('\n')}`);
} catch (e) {
  failed = e;
}
try {
  if (browser) await browser.close();
} catch (e) {
  failed = failed || e;
}
sup.kill('SIGINT');
const code = await supExit;
fs.rmSync(root, { recursive: true, force: true });
if (!failed && code !== 0) failed = new Error(`rpi-cam run exited ${code}`);
// this test is about the web manager: its own sanitizer reports fail it
// (the other daemons' are their tests' business)
const webLines = out.join('').split('\n').filter((l) => l.startsWith('web '));
if (!failed && webLines.some((l) => /Sanitizer|runtime error:/.test(l))) failed = new Error('sanitizer report from rpi-cam-web');
if (failed) {
  console.error('FAIL:', failed.stack || failed);
  console.error(out.join('').split('\n').slice(-60).join('\n'));
  process.exit(1);
}
console.log('ok');
