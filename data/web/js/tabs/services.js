// Services: state of each unit and start/stop/restart/enable/disable
// through the service interface (systemd or `rpi-cam run`).
import * as api from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n.js';
import { busy, errorText, panelHead, stateBadge, toast } from '../ui.js';
import { dateTime } from '../format.js';

const ACTIONS = ['start', 'stop', 'restart', 'enable', 'disable'];
let root = null;

export function mount(panel) {
  root = panel;
}

async function act(button, unit, action) {
  await busy(button, async () => {
    try {
      const r = await api.post(`/api/service/${encodeURIComponent(unit)}/${action}`);
      toast(t(r.self_restart ? 'services.self_restart' : 'services.done', { unit, action: t(`services.${action}`) }), 'ok');
    } catch (e) {
      toast(errorText(e), 'bad');
    }
  });
  await show();
}

function row(s) {
  const buttons = ACTIONS.map((a) => {
    const b = h('button', { type: 'button', class: `small${a === 'stop' ? ' danger' : ''}`, 'data-action': a }, t(`services.${a}`));
    b.addEventListener('click', () => act(b, s.unit, a));
    return b;
  });
  return h('tr', { 'data-unit': s.unit },
    h('td', {}, h('strong', {}, s.unit), h('div', { class: 'muted' }, s.description || '')),
    h('td', {}, stateBadge(s.status), s.sub_state ? h('div', { class: 'muted' }, s.sub_state) : null),
    h('td', {}, s.enabled === null || s.enabled === undefined ? '–' : t(s.enabled ? 'common.yes' : 'common.no')),
    h('td', {}, s.pid || '–', s.memory ? h('div', { class: 'muted' }, s.memory) : null),
    h('td', {}, s.since ? dateTime(s.since) : '–'),
    h('td', {}, h('div', { class: 'actions' }, ...buttons)));
}

export async function show() {
  let data;
  try {
    data = await api.get('/api/services');
  } catch (e) {
    clear(root).append(panelHead('services.title'), h('p', { class: 'form-error' }, errorText(e)));
    return;
  }
  const refresh = h('button', { type: 'button' }, t('common.refresh'));
  refresh.addEventListener('click', () => show());
  const backend = h('p', { class: 'muted' }, t('services.backend', { backend: t(`services.backend_${data.backend}`) }));
  clear(root).append(
    panelHead('services.title', refresh),
    backend,
    h('div', { class: 'card table-wrap' },
      h('table', {},
        h('thead', {}, h('tr', {}, ...['services.unit', 'services.state', 'services.enabled', 'services.pid', 'services.since', 'services.actions'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, Object.values(data.services).map(row)))),
  );
}
