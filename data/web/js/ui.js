// Small shared UI pieces: toasts, status badges, usage bars, busy buttons.
import { h } from './dom.js';
import { t } from './i18n.js';

export function toast(message, kind = '') {
  const box = document.getElementById('toasts');
  const el = h('div', { class: `toast ${kind}`, role: 'status' }, message);
  box.append(el);
  setTimeout(() => el.remove(), kind === 'bad' ? 8000 : 4000);
}

// A readable message for a failed API call.
export function errorText(err) {
  if (err && err.body) {
    const b = err.body;
    if (Array.isArray(b.errors) && b.errors.length) return b.errors.join(' · ');
    if (b.error && t(`errors.${b.error}`) !== `errors.${b.error}`) return t(`errors.${b.error}`);
    if (b.message) return b.message;
    if (b.error) return b.error;
  }
  return err && err.message ? err.message : t('errors.unknown');
}

export function stateBadge(state) {
  const s = state || 'unknown';
  const kind = s === 'active' ? 'ok' : s === 'failed' ? 'bad' : s === 'activating' || s === 'deactivating' ? 'warn' : 'off';
  return h('span', { class: `badge ${kind}`, 'data-state': s }, t(`state.${s}`) !== `state.${s}` ? t(`state.${s}`) : s);
}

export function usageBar(percent) {
  const p = Math.max(0, Math.min(100, Number(percent) || 0));
  const bar = h('div', { class: `bar${p >= 90 ? ' bad' : p >= 75 ? ' warn' : ''}` }, h('span'));
  bar.firstChild.style.width = `${p}%`;
  return bar;
}

// Runs fn with the button disabled meanwhile.
export async function busy(button, fn) {
  button.disabled = true;
  try {
    return await fn();
  } finally {
    button.disabled = false;
  }
}

export function panelHead(titleKey, ...actions) {
  return h('div', { class: 'panel-head' }, h('h1', { 'data-i18n': titleKey }, t(titleKey)), h('div', { class: 'actions' }, ...actions));
}
