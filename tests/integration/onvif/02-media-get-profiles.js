// GetProfiles (through Media2, which the client prefers once GetServices
// lists it) reports the stream from config.env.
'use strict';
const { run, connect, call, CREDS, assert } = require('./lib.js');

const CONFIG = CREDS + 'VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\n' +
	'VIDEOOUT_WIDTH=640\nVIDEOOUT_HEIGHT=360\nH264_BITRATE_KBPS=900\n';

run(CONFIG, async (dev) => {
	const cam = await connect(dev.port, 'admin', 's3cret pass');
	assert.ok(cam.media2Support, 'GetServices lists Media2');
	const profiles = await call(cam, 'getProfiles');
	assert.equal(profiles.length, 1);
	const main = profiles[0];
	assert.equal(main.$.token, 'MainProfile');
	const vec = main.videoEncoderConfiguration;
	assert.equal(vec.encoding, 'H264');
	assert.equal(vec.resolution.width, 640);
	assert.equal(vec.resolution.height, 360);
	assert.equal(vec.rateControl.bitrateLimit, 900);
	assert.equal(main.videoSourceConfiguration.sourceToken, 'VideoSource');
	// The client's own pick of the default source agrees.
	assert.equal(cam.activeSource.profileToken, 'MainProfile');
	assert.equal(cam.activeSource.width, 640);
});
