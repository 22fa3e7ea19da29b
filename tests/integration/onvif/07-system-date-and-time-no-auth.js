// GetSystemDateAndTime answers without credentials, in UTC, so clients can
// compute their clock offset before signing anything.
'use strict';
const { run, client, call, CREDS, assert } = require('./lib.js');

run(CREDS, async (dev) => {
	const before = Date.now();
	const date = await call(client(dev.port), 'getSystemDateAndTime');
	const after = Date.now();
	assert.ok(date instanceof Date);
	// Whole seconds, truncated: within [before - 1 s, after].
	assert.ok(date.getTime() >= before - 1000 && date.getTime() <= after,
		`device time ${date.toISOString()} outside the request window`);
});
