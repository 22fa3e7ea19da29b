// NonDiscoverable (onvif.conf discovery_enabled=false): Probes get no
// answer, and GetDiscoveryMode says so.
'use strict';
const dgram = require('node:dgram');
const { run, connect, call, CREDS, assert } = require('./lib.js');

function probe(port) {
	const msg = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" ' +
		'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header>' +
		'<a:MessageID>uuid:nd-1</a:MessageID></s:Header><s:Body>' +
		'<Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery"/></s:Body></s:Envelope>';
	return new Promise((resolve) => {
		const sock = dgram.createSocket('udp4');
		const timer = setTimeout(() => { sock.close(); resolve(null); }, 1500);
		sock.on('message', (data) => { clearTimeout(timer); sock.close(); resolve(data); });
		sock.bind(0, '127.0.0.1', () => sock.send(msg, port, '127.0.0.1'));
	});
}

run(CREDS, async (dev) => {
	assert.equal(await probe(dev.discoveryPort), null);
	const cam = await connect(dev.port, 'admin', 's3cret pass');
	const mode = await new Promise((resolve, reject) => cam._request({
		service: 'device',
		body: cam._envelopeHeader() +
			'<GetDiscoveryMode xmlns="http://www.onvif.org/ver10/device/wsdl"/>' +
			cam._envelopeFooter(),
	}, (err, data, xml) => (err ? reject(err) : resolve(xml))));
	assert.match(mode, /NonDiscoverable/);
}, { discovery_enabled: false }, { discovery: true });
