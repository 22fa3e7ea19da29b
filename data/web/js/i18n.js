// Translations: locales/<lang>.json, French by default, the choice kept in
// localStorage. Elements say what they show with data-i18n (text),
// data-i18n-placeholder, data-i18n-title and data-i18n-aria-label; code
// uses t('key', {param}).

export const LANGUAGES = ['fr', 'en'];
export const DEFAULT_LANGUAGE = 'fr';
const STORAGE_KEY = 'language';

let current = DEFAULT_LANGUAGE;
let table = {};
let fallback = {};
const listeners = new Set();

function lookup(tbl, key) {
  let node = tbl;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function has(key) {
  return lookup(table, key) !== undefined || lookup(fallback, key) !== undefined;
}

export function t(key, params = {}) {
  let s = lookup(table, key);
  if (s === undefined) s = lookup(fallback, key);
  if (s === undefined) return key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

export function language() {
  return current;
}

export function storedLanguage() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(v)) return v;
  } catch (e) {
    // storage disabled: the default then
  }
  return DEFAULT_LANGUAGE;
}

async function load(lang) {
  const r = await fetch(`locales/${lang}.json`, { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`locale ${lang}: HTTP ${r.status}`);
  return r.json();
}

export async function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) lang = DEFAULT_LANGUAGE;
  const [tbl, fb] = await Promise.all([
    load(lang),
    lang === DEFAULT_LANGUAGE ? Promise.resolve(null) : load(DEFAULT_LANGUAGE),
  ]);
  table = tbl;
  fallback = fb || tbl;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // not remembered then
  }
  document.documentElement.lang = lang;
  apply(document);
  for (const fn of listeners) fn(lang);
}

export function onChange(fn) {
  listeners.add(fn);
}

export function apply(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-title]'))
    el.setAttribute('title', t(el.dataset.i18nTitle));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
}
