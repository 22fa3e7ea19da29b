// Connect with credentials (WS-Security PasswordDigest) and read the device
// information.
'use strict';
const { run, connect, call, CREDS, assert } = require('./lib.js');

run(CREDS, async (dev) => {
	const cam = await connect(dev.port, 'admin', 's3cret pass');
	const info = await call(cam, 'getDeviceInformation');
	assert.equal(info.manufacturer, 'RTSP-Full');
	assert.equal(info.model, 'RPI-CAM');
	assert.ok(String(info.firmwareVersion).length > 0);
	assert.ok(String(info.serialNumber).length > 0);
}, { name: 'Front door' });
