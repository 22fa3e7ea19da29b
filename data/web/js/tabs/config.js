// Config: every config.env key, grouped by section, filterable; the schema
// says the type, range and choices of each.
import * as api from '../api.js';
import { clear, h } from '../dom.js';
import { has, t } from '../i18n.js';
import { ConfigForm, keyLabel, loadSchema } from '../config-form.js';
import { errorText, panelHead } from '../ui.js';

let root = null;

export function mount(panel) {
  root = panel;
}

function sectionTitle(name) {
  return has(`sections.${name}`) ? t(`sections.${name}`) : name;
}

export async function show() {
  let schema;
  let config;
  try {
    [schema, config] = await Promise.all([loadSchema(), api.get('/api/config')]);
  } catch (e) {
    clear(root).append(panelHead('config.title'), h('p', { class: 'form-error' }, errorText(e)));
    return;
  }
  const bySection = new Map();
  for (const [key, meta] of Object.entries(schema.metadata)) {
    if (meta.legacy) continue;
    if (!bySection.has(meta.category)) bySection.set(meta.category, []);
    bySection.get(meta.category).push(key);
  }
  const form = new ConfigForm([]);
  const sections = [];
  for (const [name, keys] of bySection) {
    const fields = h('div', { class: 'fields' });
    const sub = new ConfigForm(keys);
    sub.render(fields, schema, config.config);
    for (const [k, v] of sub.fields) form.fields.set(k, v);
    Object.assign(form.initial, sub.initial);
    sections.push(h('details', { class: 'section', 'data-section': name }, h('summary', {}, sectionTitle(name), ' ', h('span', { class: 'muted' }, `(${keys.length})`)), fields));
  }

  const filter = h('input', { type: 'search', id: 'config-filter', placeholder: t('config.filter'), 'aria-label': t('config.filter') });
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const [key, f] of form.fields) {
      const text = `${key} ${keyLabel(key)}`.toLowerCase();
      f.field.hidden = q !== '' && !text.includes(q);
    }
    for (const s of sections) {
      const any = Array.from(s.querySelectorAll('.field')).some((f) => !f.hidden);
      s.hidden = !any;
      if (q !== '') s.open = any;
    }
  });
  const applyBox = h('input', { type: 'checkbox', id: 'config-apply', checked: true });
  const save = h('button', { type: 'button', class: 'primary', id: 'config-save' }, t('config.save'));
  save.addEventListener('click', () => form.save(save, applyBox.checked));
  const warnings = (config.warnings || []).map((w) => h('li', {}, w));

  clear(root).append(
    panelHead('config.title'),
    h('div', { class: 'toolbar' }, filter),
    ...(warnings.length ? [h('div', { class: 'card' }, h('h3', {}, t('config.warnings')), h('ul', {}, warnings))] : []),
    ...sections,
    h('div', { class: 'savebar' }, h('label', { class: 'inline', for: 'config-apply' }, applyBox, t('config.apply')), h('span', { class: 'spacer' }), save),
  );
}
