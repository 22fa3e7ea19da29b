// A wrong password is refused with ter:NotAuthorized ("Sender not
// Authorized"), and nothing protected is returned.
'use strict';
const { run, connect, client, call, CREDS, assert } = require('./lib.js');

run(CREDS, async (dev) => {
	// connect() itself tolerates failing media calls (it only warns), so
	// check that it got nothing protected, then call directly.
	const connected = await connect(dev.port, 'admin', 'wrong');
	assert.equal(connected.profiles.length, 0);
	const cam = client(dev.port, 'admin', 'wrong');
	await assert.rejects(call(cam, 'getDeviceInformation'), /not authorized/i);
	const stranger = client(dev.port, 'root', 's3cret pass');
	await assert.rejects(call(stranger, 'getDeviceInformation'), /not authorized/i);
});
