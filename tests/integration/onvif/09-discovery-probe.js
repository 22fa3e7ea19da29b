// WS-Discovery: a Probe for dn:NetworkVideoTransmitter (sent unicast to the
// daemon's discovery port on loopback) gets a ProbeMatch whose XAddrs the
// npm onvif client then uses to talk to the device; a Probe for another
// type, and one from NonDiscoverable mode, get no answer.
'use strict';
const dgram = require('node:dgram');
const { randomUUID } = require('node:crypto');
const { run, call, CREDS, assert } = require('./lib.js');
const { Cam } = require('onvif');

// UDP may drop: like real clients (WS-Discovery's repeats), try up to 3 times.
async function probeWithRetries(port, types) {
	for (let i = 0; i < 3; i++) {
		const result = await probe(port, types);
		if (result.reply)
			return result;
	}
	return probe(port, types);
}

function probe(port, types) {
	const id = `uuid:${randomUUID()}`;
	const msg = '<?xml version="1.0" encoding="UTF-8"?>' +
		'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" ' +
		'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">' +
		`<s:Header><a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>` +
		`<a:MessageID>${id}</a:MessageID><a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>` +
		'<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>' +
		'<s:Body><Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
		`<d:Types xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dp0="http://www.onvif.org/ver10/network/wsdl">${types}</d:Types>` +
		'</Probe></s:Body></s:Envelope>';
	return new Promise((resolve) => {
		const sock = dgram.createSocket('udp4');
		const timer = setTimeout(() => { sock.close(); resolve({ id, reply: null }); }, 1500);
		sock.on('message', (data) => {
			clearTimeout(timer);
			sock.close();
			resolve({ id, reply: data.toString('utf8') });
		});
		sock.bind(0, '127.0.0.1', () => sock.send(msg, port, '127.0.0.1'));
	});
}

function field(xml, name) {
	const m = xml.match(new RegExp(`<[^>]*:?${name}[^>]*>([^<]*)<`));
	return m ? m[1] : null;
}

run(CREDS, async (dev) => {
	const { id, reply } = await probeWithRetries(dev.discoveryPort, 'dp0:NetworkVideoTransmitter');
	assert.ok(reply, 'no ProbeMatch for dn:NetworkVideoTransmitter');
	assert.equal(field(reply, 'RelatesTo'), id);
	const xaddrs = field(reply, 'XAddrs');
	assert.equal(xaddrs, `http://127.0.0.1:${dev.port}/onvif/device_service`);
	assert.match(field(reply, 'Scopes'), /onvif:\/\/www\.onvif\.org\/Profile\/Streaming/);

	// The discovered address is enough to adopt the camera.
	const url = new URL(xaddrs);
	const cam = new Cam({ hostname: url.hostname, port: Number(url.port),
		username: 'admin', password: 's3cret pass', timeout: 5000, autoconnect: false });
	await call(cam, 'getSystemDateAndTime'); // the client's clock offset, as connect() does
	const info = await call(cam, 'getDeviceInformation');
	assert.equal(info.manufacturer, 'RTSP-Full');

	const other = await probe(dev.discoveryPort, 'dp0:NetworkVideoDisplay');
	assert.equal(other.reply, null, 'a Probe for another type must get no answer');
}, null, { discovery: true });
