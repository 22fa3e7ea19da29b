// Shared by the numbered ONVIF integration tests: starts the real
// rpi-cam-onvif under a temporary root on a free loopback port, and wraps
// the npm `onvif` client (Cam) in promises. No mocks: the client speaks
// WS-Security / HTTP Digest to the daemon over TCP.
'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const dgram = require('node:dgram');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { Cam } = require('onvif');

const BIN = process.env.RPI_CAM_ONVIF;
const RTSP_BIN = process.env.RPI_CAM_RTSP;

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function waitForPort(port, proc, deadlineMs) {
	const until = Date.now() + deadlineMs;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			if (proc.exitCode !== null)
				return reject(new Error(`rpi-cam-onvif exited with ${proc.exitCode}`));
			const sock = net.connect(port, '127.0.0.1');
			sock.once('connect', () => { sock.destroy(); resolve(); });
			sock.once('error', () => {
				sock.destroy();
				if (Date.now() > until)
					return reject(new Error('rpi-cam-onvif did not listen'));
				setTimeout(attempt, 50);
			});
		};
		attempt();
	});
}

function freeUdpPort() {
	return new Promise((resolve, reject) => {
		const sock = dgram.createSocket('udp4');
		sock.once('error', reject);
		sock.bind(0, '127.0.0.1', () => {
			const { port } = sock.address();
			sock.close(() => resolve(port));
		});
	});
}

// The ipc "status" result of a daemon (rc-ipc JSON lines), or null.
function ipcStatus(socketPath) {
	return new Promise((resolve) => {
		const sock = net.connect(socketPath);
		let data = '';
		sock.setTimeout(2000, () => { sock.destroy(); resolve(null); });
		sock.once('error', () => resolve(null));
		sock.on('data', (chunk) => {
			data += chunk;
			const nl = data.indexOf('\n');
			if (nl < 0)
				return;
			sock.destroy();
			try {
				const reply = JSON.parse(data.slice(0, nl));
				resolve(reply.ok ? reply.result : null);
			} catch (e) {
				resolve(null);
			}
		});
		sock.once('connect', () =>
			sock.write('{"proto":"rpi-cam-ipc","v":1,"id":1,"cmd":"status"}\n'));
	});
}

async function waitStreaming(root, proc, deadlineMs) {
	const socketPath = path.join(root, 'run', 'rpi-cam', 'rpi-cam-rtsp.sock');
	const until = Date.now() + deadlineMs;
	for (;;) {
		if (proc.exitCode !== null)
			throw new Error(`rpi-cam-rtsp exited with ${proc.exitCode}`);
		const st = await ipcStatus(socketPath);
		if (st && st.state === 'streaming')
			return;
		if (Date.now() > until)
			throw new Error(`rpi-cam-rtsp not streaming: ${JSON.stringify(st)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

// Starts the daemon with @configEnv as config.env (and @onvifConf as
// onvif.conf when given). WS-Discovery is off unless @opts.discovery: then
// it listens on a free loopback UDP port (opts.discoveryPort; --listen keeps
// it off multicast). With @opts.rtsp, rpi-cam-rtsp runs too (demo source, on
// a free port given to both as RTSP_PORT). Returns {port, discoveryPort,
// rtspPort, root, stop()}.
async function startDevice(configEnv, onvifConf, opts = {}) {
	assert.ok(BIN, 'RPI_CAM_ONVIF must name the rpi-cam-onvif binary');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-onvif-it-'));
	const etc = path.join(root, 'etc', 'rpi-cam');
	fs.mkdirSync(etc, { recursive: true });
	let rtspPort = null;
	let rtsp = null;
	if (opts.rtsp) {
		assert.ok(RTSP_BIN, 'RPI_CAM_RTSP must name the rpi-cam-rtsp binary');
		rtspPort = await freePort();
		configEnv = (configEnv || '') + `RTSP_PORT=${rtspPort}\nSTREAM_SOURCE_MODE=demo\n`;
	}
	fs.writeFileSync(path.join(etc, 'config.env'), configEnv || '');
	if (onvifConf)
		fs.writeFileSync(path.join(etc, 'onvif.conf'), JSON.stringify(onvifConf));
	if (opts.rtsp) {
		fs.mkdirSync(path.join(root, 'dev'));
		rtsp = spawn(RTSP_BIN, ['--root', root, '--foreground', '--dev-dir', path.join(root, 'dev')],
			{ stdio: ['ignore', 'inherit', 'inherit'] });
		try {
			await waitStreaming(root, rtsp, 30000);
		} catch (e) {
			rtsp.kill('SIGKILL');
			fs.rmSync(root, { recursive: true, force: true });
			throw e;
		}
	}
	const port = await freePort();
	const args = ['--root', root, '--port', String(port), '--listen', '127.0.0.1'];
	let discoveryPort = null;
	if (opts.discovery) {
		discoveryPort = await freeUdpPort();
		args.push('--discovery-port', String(discoveryPort));
	} else {
		args.push('--no-discovery');
	}
	const proc = spawn(BIN, args, { stdio: ['ignore', 'inherit', 'inherit'] });
	const stopProc = (p) => new Promise((resolve) => {
		if (!p || p.exitCode !== null)
			return resolve(p ? p.exitCode : 0);
		p.once('exit', (code) => resolve(code));
		p.kill('SIGTERM');
	});
	try {
		await waitForPort(port, proc, 10000);
	} catch (e) {
		proc.kill('SIGKILL');
		await stopProc(rtsp);
		fs.rmSync(root, { recursive: true, force: true });
		throw e;
	}
	return {
		port,
		discoveryPort,
		rtspPort,
		root,
		// The ONVIF daemon's exit code (the RTSP one is the RTSP tests' business).
		stop: async () => {
			const code = await stopProc(proc);
			await stopProc(rtsp);
			fs.rmSync(root, { recursive: true, force: true });
			return code;
		},
	};
}

// A connected Cam (GetSystemDateAndTime, GetServices, GetProfiles, ...).
function connect(port, username, password) {
	return new Promise((resolve, reject) => {
		const cam = new Cam({ hostname: '127.0.0.1', port, username, password,
			timeout: 5000, autoconnect: false });
		cam.connect((err) => (err ? reject(err) : resolve(cam)));
	});
}

// An unconnected Cam, for calls made before (or instead of) connect().
function client(port, username, password) {
	return new Cam({ hostname: '127.0.0.1', port, username, password, timeout: 5000,
		autoconnect: false });
}

// cam.method(...args, cb(err, result)) as a promise.
function call(cam, method, ...args) {
	return new Promise((resolve, reject) => {
		cam[method](...args, (err, result) => (err ? reject(err) : resolve(result)));
	});
}

// Runs @body with a device; exits 0 on success, 1 with the error otherwise.
async function run(configEnv, body, onvifConf, opts) {
	let dev;
	try {
		dev = await startDevice(configEnv, onvifConf, opts);
		await body(dev);
		const code = await dev.stop();
		dev = null;
		assert.equal(code, 0, 'rpi-cam-onvif must exit 0 on SIGTERM');
		console.log('ok');
		process.exit(0);
	} catch (e) {
		console.error('FAIL:', e && e.stack ? e.stack : e);
		if (dev)
			await dev.stop();
		process.exit(1);
	}
}

const CREDS = 'RTSP_USER=admin\nRTSP_PASSWORD="s3cret pass"\n';

module.exports = { startDevice, connect, client, call, run, CREDS, assert };
