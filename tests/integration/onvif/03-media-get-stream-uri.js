// GetStreamUri gives our RTSP URL on the address the request came in on,
// over Media2 and over Media ver10, without credentials in it.
'use strict';
const { run, connect, call, CREDS, assert } = require('./lib.js');

run(CREDS + 'RTSP_PORT=8564\nRTSP_PATH=cam1\n', async (dev) => {
	const cam = await connect(dev.port, 'admin', 's3cret pass');
	const uri2 = await call(cam, 'getStreamUri', { protocol: 'RTSP' });
	assert.equal(uri2.uri, 'rtsp://127.0.0.1:8564/cam1');
	cam.media2Support = false;
	const uri1 = await call(cam, 'getStreamUri', { protocol: 'RTSP' });
	assert.equal(uri1.uri, 'rtsp://127.0.0.1:8564/cam1');
});
