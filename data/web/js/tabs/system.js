// System: read-only facts (hardware, OS, memory, disks, temperatures,
// interfaces) and the web manager's security (password, API tokens).
import * as api from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n.js';
import { bytes, dateTime, duration, number, percent } from '../format.js';
import { busy, errorText, panelHead, toast, usageBar } from '../ui.js';

let root = null;

export function mount(panel) {
  root = panel;
}

function kv(pairs) {
  const dl = h('dl', { class: 'kv' });
  for (const [key, value] of pairs) dl.append(h('dt', {}, t(key)), h('dd', {}, value));
  return dl;
}

function infoCards(info) {
  const os = info.os || {};
  const cpu = info.cpu || {};
  const mem = info.memory || {};
  return [
    h('div', { class: 'card', 'data-card': 'hardware' }, h('h2', {}, t('system.hardware')),
      kv([
        ['system.model', info.model || (info.platform && info.platform.model) || '–'],
        ['system.architecture', (info.platform && info.platform.architecture) || '–'],
        ['system.cores', String(cpu.cores ?? '–')],
        ['system.load', `${number(cpu.load_1m, 2)} · ${number(cpu.load_5m, 2)} · ${number(cpu.load_15m, 2)}`],
        ['system.hostname', info.hostname || '–'],
        ['system.uptime', duration(info.uptime_seconds)],
      ])),
    h('div', { class: 'card', 'data-card': 'os' }, h('h2', {}, t('system.os')),
      kv([
        ['system.distribution', os.name || '–'],
        ['system.kernel', os.kernel || '–'],
      ])),
    h('div', { class: 'card', 'data-card': 'memory' }, h('h2', {}, t('system.memory')),
      kv([['system.used', `${bytes(mem.used)} / ${bytes(mem.total)} (${percent(mem.percent)})`]]),
      usageBar(mem.percent)),
    h('div', { class: 'card', 'data-card': 'disks' }, h('h2', {}, t('system.disks')),
      ...(info.disks || []).flatMap((d) => [
        kv([[`system.disk_${d.label}`, `${bytes(d.used)} / ${bytes(d.total)} (${percent(d.percent)})`]]),
        usageBar(d.percent),
      ])),
    h('div', { class: 'card', 'data-card': 'temperatures' }, h('h2', {}, t('system.temperatures')),
      (info.temperatures || []).length === 0
        ? h('p', { class: 'muted' }, t('system.no_sensor'))
        : h('dl', { class: 'kv' }, ...info.temperatures.flatMap((z) => [h('dt', {}, z.type), h('dd', {}, `${number(z.celsius)} °C`)]))),
    h('div', { class: 'card', 'data-card': 'network' }, h('h2', {}, t('system.network')),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ...['system.interface', 'system.state', 'system.addresses', 'system.mac'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, (info.interfaces || []).map((i) => h('tr', {},
          h('td', {}, i.name), h('td', {}, i.state), h('td', {}, [...i.ipv4, ...i.ipv6].join(' ')), h('td', {}, i.mac || '–'))))))),
  ];
}

function passwordCard() {
  const current = h('input', { type: 'password', id: 'pw-current', autocomplete: 'current-password', required: true });
  const fresh = h('input', { type: 'password', id: 'pw-new', autocomplete: 'new-password', required: true, minlength: 8 });
  const confirm = h('input', { type: 'password', id: 'pw-confirm', autocomplete: 'new-password', required: true, minlength: 8 });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('security.change'));
  const form = h('form', { id: 'password-form' },
    h('label', { for: 'pw-current' }, t('security.current')), current,
    h('label', { for: 'pw-new' }, t('security.new')), fresh,
    h('label', { for: 'pw-confirm' }, t('setup.confirm')), confirm,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (fresh.value !== confirm.value) {
      toast(t('setup.mismatch'), 'bad');
      return;
    }
    await busy(submit, async () => {
      try {
        const r = await api.post('/api/auth/password', { current_password: current.value, new_password: fresh.value });
        api.setCsrfToken(r.csrf_token);
        form.reset();
        toast(t('security.changed'), 'ok');
      } catch (e) {
        toast(e.body && e.body.error === 'invalid_credentials' ? t('security.wrong_current') : errorText(e), 'bad');
      }
    });
  });
  return h('div', { class: 'card', 'data-card': 'password' }, h('h2', {}, t('security.password')), form);
}

async function tokensCard() {
  const list = h('tbody');
  const shown = h('div', { class: 'copy-row', hidden: true });
  const name = h('input', { type: 'text', id: 'token-name', maxlength: 64, placeholder: t('security.token_name') });
  const create = h('button', { type: 'button', id: 'token-create' }, t('security.token_create'));

  const reload = async () => {
    const r = await api.get('/api/auth/tokens');
    clear(list);
    if (r.tokens.length === 0) list.append(h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('security.no_tokens'))));
    for (const tok of r.tokens) {
      const revoke = h('button', { type: 'button', class: 'small danger' }, t('security.revoke'));
      revoke.addEventListener('click', () => busy(revoke, async () => {
        try {
          await api.del(`/api/auth/tokens/${encodeURIComponent(tok.id)}`);
          toast(t('security.revoked'), 'ok');
          await reload();
        } catch (e) {
          toast(errorText(e), 'bad');
        }
      }));
      list.append(h('tr', { 'data-token': tok.id }, h('td', {}, tok.name), h('td', {}, dateTime(tok.created)),
        h('td', {}, tok.last_used ? dateTime(tok.last_used) : '–'), h('td', {}, revoke)));
    }
  };
  create.addEventListener('click', () => busy(create, async () => {
    try {
      const r = await api.post('/api/auth/tokens', { name: name.value.trim() });
      name.value = '';
      clear(shown).append(h('code', { id: 'token-value' }, r.token), h('span', { class: 'muted' }, t('security.token_once')));
      shown.hidden = false;
      await reload();
    } catch (e) {
      toast(errorText(e), 'bad');
    }
  }));
  await reload();
  return h('div', { class: 'card', 'data-card': 'tokens' }, h('h2', {}, t('security.tokens')),
    h('p', { class: 'muted' }, t('security.tokens_intro')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...['security.token_name', 'security.created', 'security.last_used', 'services.actions'].map((k) => h('th', {}, t(k))))),
      list)),
    h('div', { class: 'toolbar' }, name, create), shown);
}

export async function show() {
  let info;
  try {
    info = await api.get('/api/system/info');
  } catch (e) {
    clear(root).append(panelHead('system.title'), h('p', { class: 'form-error' }, errorText(e)));
    return;
  }
  const security = [passwordCard()];
  try {
    security.push(await tokensCard());
  } catch (e) {
    security.push(h('p', { class: 'form-error' }, errorText(e)));
  }
  clear(root).append(
    panelHead('system.title'),
    h('div', { class: 'grid-2' }, ...infoCards(info)),
    h('h2', { class: 'section-title' }, t('security.title')),
    h('div', { class: 'grid-2' }, ...security),
  );
}
