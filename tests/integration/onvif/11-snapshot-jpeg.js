// GetSnapshotUri's URL serves a JPEG of the live stream (rpi-cam-rtsp with
// the demo source), behind HTTP Digest: no credentials → 401 with a
// challenge, right ones → image/jpeg.
'use strict';
const crypto = require('node:crypto');
const http = require('node:http');
const { run, connect, call, CREDS, assert } = require('./lib.js');

function get(url, headers = {}) {
	return new Promise((resolve, reject) => {
		http.get(url, { headers }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
				rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
		}).on('error', reject);
	});
}

function digestHeader(challenge, user, password, uri) {
	const param = (name) => (challenge.match(new RegExp(`${name}="?([^",]+)"?`)) || [])[1];
	const realm = param('realm');
	const nonce = param('nonce');
	const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
	const cnonce = crypto.randomBytes(8).toString('hex');
	const ha1 = md5(`${user}:${realm}:${password}`);
	const ha2 = md5(`GET:${uri}`);
	const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${ha2}`);
	return `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
		`algorithm=MD5, qop=auth, nc=00000001, cnonce="${cnonce}", response="${response}"`;
}

run(CREDS + 'VIDEOIN_WIDTH=640\nVIDEOIN_HEIGHT=360\nVIDEOIN_FPS=15\n', async (dev) => {
	const cam = await connect(dev.port, 'admin', 's3cret pass');
	const { uri } = await call(cam, 'getSnapshotUri');
	const first = await get(uri);
	assert.equal(first.status, 401);
	const challenges = [];
	for (let i = 0; i < first.rawHeaders.length; i += 2)
		if (first.rawHeaders[i].toLowerCase() === 'www-authenticate')
			challenges.push(first.rawHeaders[i + 1]);
	const md5 = challenges.find((c) => /algorithm=MD5/.test(c));
	assert.ok(md5, `an MD5 challenge among ${challenges}`);
	const path = new URL(uri).pathname;
	const res = await get(uri, { Authorization: digestHeader(md5, 'admin', 's3cret pass', path) });
	assert.equal(res.status, 200, res.body.toString());
	assert.equal(res.headers['content-type'], 'image/jpeg');
	assert.equal(res.body[0], 0xff);
	assert.equal(res.body[1], 0xd8, 'JPEG SOI marker');
	assert.equal(res.body[res.body.length - 2], 0xff);
	assert.equal(res.body[res.body.length - 1], 0xd9, 'JPEG EOI marker');
	// Wrong password: challenged again, no image.
	const bad = await get(uri, { Authorization: digestHeader(md5, 'admin', 'nope', path) });
	assert.equal(bad.status, 401);
}, null, { rtsp: true });
