// Without credentials, protected operations are refused (HTTP 401 with a
// Digest challenge, which the client answers without a user and fails),
// while the PRE_AUTH ones answer.
'use strict';
const { run, client, call, CREDS, assert } = require('./lib.js');

run(CREDS, async (dev) => {
	const anon = client(dev.port);
	// GetServices (PRE_AUTH) also tells the client where each service is.
	const services = await call(anon, 'getServices', true);
	assert.ok(services.length >= 3);
	await assert.rejects(call(anon, 'getDeviceInformation'), /401|authoriz/i);
	await assert.rejects(call(anon, 'getUsers'), /401|authoriz/i);
	await assert.rejects(call(anon, 'getProfiles'), /401|authoriz/i);
	const caps = await call(anon, 'getCapabilities');
	assert.ok(caps.media.XAddr.endsWith('/onvif/media_service'));
	// With the right password the same calls work (HTTP Digest this time).
	const cam = client(dev.port, 'admin', 's3cret pass');
	cam.useWSSecurity = false;
	const info = await call(cam, 'getDeviceInformation');
	assert.equal(info.manufacturer, 'RTSP-Full');
});
