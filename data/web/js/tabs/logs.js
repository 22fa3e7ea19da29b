// Logs: the last lines of a service (LOG_DIR files under `rpi-cam run`, the
// journal under systemd), live follow over SSE, export and cleaning.
import * as api from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n.js';
import { busy, errorText, panelHead, toast } from '../ui.js';
import { bytes } from '../format.js';

const SOURCES = ['all', 'rtsp', 'recorder', 'onvif', 'webmanager', 'watchdog', 'tunnel', 'system', 'journald', 'file-all', 'file-gstreamer', 'file-dnsmasq'];
const LINES = [50, 100, 200, 500, 1000];
const MAX_SHOWN = 2000;

let root = null;
let view = null;
let stream = null;
let sourceSel = null;
let linesSel = null;
let followBox = null;

export function mount(panel) {
  root = panel;
}

function line(source, message) {
  return h('div', { class: 'logline' }, h('span', { class: 'src' }, `[${source}] `), message);
}

function scrollDown() {
  view.scrollTop = view.scrollHeight;
}

async function load() {
  try {
    const r = await api.get(`/api/logs?source=${encodeURIComponent(sourceSel.value)}&lines=${linesSel.value}`);
    clear(view);
    if (r.logs.length === 0) view.append(h('div', { class: 'muted' }, t('logs.empty')));
    for (const l of r.logs) view.append(line(l.source, l.message));
    scrollDown();
  } catch (e) {
    toast(errorText(e), 'bad');
  }
}

function stopFollow() {
  if (stream) stream.close();
  stream = null;
  if (followBox) followBox.checked = false;
}

function startFollow() {
  stopFollow();
  const src = sourceSel.value;
  stream = new EventSource(src === 'all' ? '/api/logs/stream' : `/api/logs/stream/${encodeURIComponent(src)}`);
  followBox.checked = true;
  let first = true;
  stream.onmessage = (ev) => {
    let data;
    try {
      data = JSON.parse(ev.data);
    } catch (e) {
      return;
    }
    if (data.type === 'connected') {
      // the stream resends the last lines: start from them
      if (first) clear(view);
      first = false;
      return;
    }
    const atBottom = view.scrollHeight - view.scrollTop - view.clientHeight < 40;
    view.append(line(data.source, data.log ?? data.message));
    while (view.childNodes.length > MAX_SHOWN) view.removeChild(view.firstChild);
    if (atBottom) scrollDown();
  };
  stream.onerror = () => {
    if (stream && stream.readyState === EventSource.CLOSED) stopFollow();
  };
}

async function cleanLogs(button) {
  if (!window.confirm(t('logs.clean_confirm'))) return;
  await busy(button, async () => {
    try {
      const r = await api.post('/api/logs/clean', { max_size_mb: 50 });
      toast(t('logs.cleaned', { size: bytes(r.freed_bytes) }), 'ok');
      await load();
    } catch (e) {
      toast(errorText(e), 'bad');
    }
  });
}

export function show() {
  if (view) return;
  sourceSel = h('select', { id: 'logs-source' }, SOURCES.map((s) => h('option', { value: s }, t(`logs.sources.${s}`))));
  linesSel = h('select', { id: 'logs-lines' }, LINES.map((n) => h('option', { value: n, selected: n === 100 }, String(n))));
  followBox = h('input', { type: 'checkbox', id: 'logs-follow' });
  const refresh = h('button', { type: 'button', id: 'logs-refresh' }, t('common.refresh'));
  const exportLink = h('a', { class: 'button', id: 'logs-export', href: '#' }, t('logs.export'));
  const clean = h('button', { type: 'button', class: 'danger', id: 'logs-clean' }, t('logs.clean'));
  view = h('pre', { class: 'logview', id: 'logs-view', tabindex: 0 });

  const updateExport = () => {
    exportLink.href = `/api/logs/export?service=${encodeURIComponent(sourceSel.value)}&lines=${linesSel.value}`;
  };
  sourceSel.addEventListener('change', () => {
    updateExport();
    if (followBox.checked) startFollow();
    else load();
  });
  linesSel.addEventListener('change', () => {
    updateExport();
    load();
  });
  refresh.addEventListener('click', load);
  followBox.addEventListener('change', () => (followBox.checked ? startFollow() : stopFollow()));
  clean.addEventListener('click', () => cleanLogs(clean));
  updateExport();

  clear(root).append(
    panelHead('logs.title'),
    h('div', { class: 'toolbar' },
      h('div', {}, h('label', { for: 'logs-source' }, t('logs.source')), sourceSel),
      h('div', {}, h('label', { for: 'logs-lines' }, t('logs.lines')), linesSel),
      h('label', { class: 'inline', for: 'logs-follow' }, followBox, t('logs.follow')),
      refresh, exportLink, clean),
    view,
  );
  load();
}

export function hide() {
  stopFollow();
}

// the language changed: rebuild with the new words
export function reset() {
  stopFollow();
  view = null;
}
