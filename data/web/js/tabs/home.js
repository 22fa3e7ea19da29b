// Home: live status of the camera (GET /api/status every few seconds while
// the tab is shown): services, stream, recording, system health, addresses.
import * as api from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n.js';
import { bytes, duration, number, percent } from '../format.js';
import { errorText, panelHead, stateBadge, toast, usageBar } from '../ui.js';

const REFRESH_MS = 5000;
let root = null;
let timer = null;
let last = null;

export function mount(panel) {
  root = panel;
}

function kv(pairs) {
  const dl = h('dl', { class: 'kv' });
  for (const [key, value] of pairs) dl.append(h('dt', {}, t(key)), h('dd', {}, value));
  return dl;
}

function card(titleKey, ...body) {
  return h('div', { class: 'card', 'data-card': titleKey }, h('h2', {}, t(titleKey)), ...body);
}

function copyRow(text) {
  const button = h('button', { type: 'button', class: 'small' }, t('common.copy'));
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      toast(t('common.copied'), 'ok');
    } catch (e) {
      toast(t('common.copy_failed'), 'bad');
    }
  });
  return h('div', { class: 'copy-row' }, h('code', {}, text), button);
}

const STREAM_STATES = { streaming: 'ok', error: 'bad', starting: 'warn', preparing: 'warn', stopped: 'off' };

function streamBadge(state) {
  const kind = STREAM_STATES[state] || 'off';
  const label = t(`stream_state.${state}`) !== `stream_state.${state}` ? t(`stream_state.${state}`) : state;
  return h('span', { class: `badge ${kind}`, 'data-state': state }, label);
}

function bitrate(stream) {
  if (!stream.bitrate_kbps) return t('common.unknown');
  const asked = t('units.kbps', { n: stream.bitrate_kbps });
  if (stream.measured_kbps === null || stream.measured_kbps === undefined) return asked;
  return t('home.bitrate_measured', { asked, measured: t('units.kbps', { n: number(stream.measured_kbps, 0) }) });
}

function render(s) {
  const services = Object.values(s.services || {});
  const stream = s.stream || {};
  const rec = s.recording || {};
  const mem = s.memory || {};
  const disk = s.disk || {};
  const recDisk = rec.disk || {};
  const cpu = s.cpu || {};
  const size = stream.width && stream.height ? `${stream.width} × ${stream.height}` : t('common.unknown');

  const serviceList = h('table', {},
    h('tbody', {}, services.map((u) =>
      h('tr', { 'data-unit': u.unit }, h('td', {}, u.unit), h('td', {}, stateBadge(u.status))))));

  clear(root).append(
    panelHead('home.title', h('span', { class: 'muted' }, t('home.updated'))),
    h('div', { class: 'grid' },
      card('home.stream',
        h('div', { class: 'metric' }, stream.state ? streamBadge(stream.state) : stateBadge(s.status)),
        kv([
          ['home.resolution', size],
          ['home.fps', stream.fps ? number(stream.fps, 0) : t('common.unknown')],
          ['home.bitrate', bitrate(stream)],
          ['home.clients', stream.clients === null || stream.clients === undefined ? '–' : String(stream.clients)],
          ...(stream.encoder ? [['home.encoder', stream.encoder]] : []),
        ]),
        stream.last_error ? h('p', { class: 'form-error' }, stream.last_error) : null,
        h('h3', {}, t('home.url')),
        copyRow(s.rtsp_url || '')),
      card('home.recording',
        h('div', { class: 'metric' }, h('span', { class: `badge ${rec.active ? 'ok' : rec.enabled ? 'warn' : 'off'}` },
          t(rec.active ? 'home.recording_on' : rec.enabled ? 'home.recording_stopped' : 'home.recording_off'))),
        kv([
          ['home.record_dir', rec.dir || '–'],
          ['home.free_space', bytes(recDisk.available)],
        ]),
        usageBar(recDisk.percent)),
      card('home.services', h('div', { class: 'table-wrap' }, serviceList),
        services.length === 0 ? h('p', { class: 'muted' }, t('home.no_manager')) : null),
      card('home.system',
        kv([
          ['home.cpu', `${percent(cpu.percent)} (${t('home.load')} ${number(cpu.load_1m, 2)})`],
          ['home.temperature', s.temperature === null || s.temperature === undefined ? '–' : `${number(s.temperature)} °C`],
          ['home.memory', `${bytes(mem.used)} / ${bytes(mem.total)}`],
        ]),
        usageBar(mem.percent),
        kv([['home.disk', `${bytes(disk.used)} / ${bytes(disk.total)}`]]),
        usageBar(disk.percent)),
      card('home.device',
        kv([
          ['home.hostname', s.hostname || '–'],
          ['home.model', (s.platform && s.platform.model) || '–'],
          ['home.addresses', (s.ip_addresses || []).join(', ') || '–'],
          ['home.uptime', duration(s.uptime_seconds)],
          ['home.version', s.version || '–'],
        ])),
    ),
  );
}

async function refresh() {
  try {
    last = await api.get('/api/status');
    if (!root.hidden) render(last);
  } catch (e) {
    if (e.status !== 401) toast(errorText(e), 'bad');
  }
}

export function show() {
  if (last) render(last);
  else clear(root).append(panelHead('home.title'), h('p', { class: 'muted' }, t('app.loading')));
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, REFRESH_MS);
}

export function hide() {
  clearInterval(timer);
  timer = null;
}
