// Number and date formatting for the current language.
import { language, t } from './i18n.js';

export function bytes(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Number(n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  const num = new Intl.NumberFormat(language(), { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v);
  return `${num} ${t(`units.${units[u]}`)}`;
}

export function percent(p) {
  if (p === null || p === undefined) return '–';
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 1 }).format(p) + ' %';
}

export function number(n, digits = 1) {
  if (n === null || n === undefined) return '–';
  return new Intl.NumberFormat(language(), { maximumFractionDigits: digits }).format(n);
}

export function duration(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  if (d > 0) return t('units.days_hours', { d, h: hh });
  if (hh > 0) return t('units.hours_minutes', { h: hh, m: mm });
  return t('units.minutes', { m: mm });
}

export function dateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'medium' }).format(d);
}
