// The Synology adoption steps: CreateProfile, then DeleteProfile, both must
// succeed; the fixed profile cannot be deleted.
'use strict';
const { run, connect, call, CREDS, assert } = require('./lib.js');

run(CREDS, async (dev) => {
	const cam = await connect(dev.port, 'admin', 's3cret pass');
	const created = await call(cam, 'createProfile', { name: 'SynoProfile', token: 'SynoToken' });
	assert.equal(created.$.token, 'SynoToken');
	cam.media2Support = false;
	const profiles = await call(cam, 'getProfiles');
	assert.deepEqual(profiles.map((p) => p.$.token).sort(), ['MainProfile', 'SynoToken']);
	await call(cam, 'deleteProfile', 'SynoToken');
	await assert.rejects(call(cam, 'deleteProfile', 'MainProfile'), /fixed/i);
	assert.equal((await call(cam, 'getProfiles')).length, 1);
});
