// GetSnapshotUri points at this daemon's JPEG endpoint (Media2 and ver10).
'use strict';
const { run, connect, call, CREDS, assert } = require('./lib.js');

run(CREDS, async (dev) => {
	const cam = await connect(dev.port, 'admin', 's3cret pass');
	const expected = `http://127.0.0.1:${dev.port}/onvif/snapshot.jpg`;
	assert.equal((await call(cam, 'getSnapshotUri')).uri, expected);
	cam.media2Support = false;
	assert.equal((await call(cam, 'getSnapshotUri')).uri, expected);
});
