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

function render(s) {
  const services = Object.values(s.services || {});
  const stream = s.stream || {};
  const daemon = stream.daemon || {};
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
        h('div', { class: 'metric' }, stateBadge(s.status)),
        kv([
          ['home.resolution', size],
          ['home.fps', stream.fps ? number(stream.fps, 0) : t('common.unknown')],
          ['home.bitrate', stream.bitrate_kbps ? t('units.kbps', { n: stream.bitrate_kbps }) : t('common.unknown')],
          ['home.clients', daemon.clients !== undefined ? String(Array.isArray(daemon.clients) ? daemon.clients.length : daemon.clients) : '–'],
        ]),
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
