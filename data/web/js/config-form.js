// A form over config.env keys, driven by the schema from
// /api/config/metadata: the right input per type, per-key errors from the
// server, and only the changed keys sent. Used by the Video and Config tabs.
import * as api from './api.js';
import { h } from './dom.js';
import { has, t } from './i18n.js';
import { busy, errorText, toast } from './ui.js';

let schemaCache = null;

export async function loadSchema() {
  if (!schemaCache) schemaCache = await api.get('/api/config/metadata');
  return schemaCache;
}

export function keyLabel(key) {
  return has(`keys.${key}`) ? t(`keys.${key}`) : key;
}

function input(key, meta, value) {
  const id = `cfg-${key}`;
  if (meta.type === 'select') {
    const sel = h('select', { id, name: key });
    const opts = [...(meta.options || [])];
    if (meta.allow_empty) opts.unshift('');
    for (const o of opts) {
      const label = o === '' ? t('config.auto') : has(`values.${o}`) ? t(`values.${o}`) : o;
      sel.append(h('option', { value: o }, label));
    }
    if (value !== undefined && !opts.some((o) => o.toLowerCase() === String(value).toLowerCase()))
      sel.append(h('option', { value }, value));
    const match = opts.find((o) => o.toLowerCase() === String(value).toLowerCase());
    sel.value = match !== undefined ? match : value;
    return sel;
  }
  const attrs = { id, name: key, value: value ?? '' };
  if (meta.type === 'number') {
    Object.assign(attrs, { type: 'number', min: meta.min, max: meta.max, step: meta.step, inputmode: 'numeric' });
    if (meta.allow_empty) attrs.placeholder = t('config.auto');
  } else if (meta.type === 'password') {
    Object.assign(attrs, { type: 'password', autocomplete: 'new-password' });
  } else {
    attrs.type = 'text';
  }
  return h('input', attrs);
}

export class ConfigForm {
  constructor(keys) {
    this.keys = keys;
    this.fields = new Map();
    this.initial = {};
  }

  // Builds the fields into container for the given keys.
  render(container, schema, config) {
    for (const key of this.keys) {
      const meta = schema.metadata[key];
      if (!meta) continue;
      const value = config[key] ?? '';
      this.initial[key] = value;
      const el = input(key, meta, value);
      const error = h('div', { class: 'field-error', hidden: true });
      const help = has(`help.${key}`) ? t(`help.${key}`) : meta.help;
      const field = h('div', { class: 'field', 'data-key': key },
        h('label', { for: `cfg-${key}` }, h('span', { class: 'label-text' }, keyLabel(key)), ' ', h('code', {}, key === keyLabel(key) ? '' : key)),
        el,
        h('div', { class: 'help' }, help),
        error);
      this.fields.set(key, { field, el, error });
      container.append(field);
    }
  }

  changes() {
    const out = {};
    for (const [key, f] of this.fields) {
      if (String(f.el.value) !== String(this.initial[key])) out[key] = f.el.value;
    }
    return out;
  }

  showErrors(fieldErrors = {}) {
    for (const [key, f] of this.fields) {
      const msg = fieldErrors[key];
      f.field.classList.toggle('invalid', Boolean(msg));
      f.error.textContent = msg || '';
      f.error.hidden = !msg;
    }
  }

  // Sends the changed keys; apply restarts the services that read them.
  async save(button, apply) {
    const changes = this.changes();
    if (Object.keys(changes).length === 0) {
      toast(t('config.nothing'));
      return null;
    }
    return busy(button, async () => {
      try {
        const r = await api.post(`/api/config${apply ? '?apply=1' : ''}`, changes);
        this.showErrors({});
        for (const key of Object.keys(changes)) this.initial[key] = r.config[key] ?? changes[key];
        for (const [key, f] of this.fields) if (key in r.config) f.el.value = r.config[key];
        const applied = Object.entries(r.applied || {});
        const failed = applied.filter(([, v]) => !v.success).map(([u]) => u);
        const restarted = applied.filter(([, v]) => v.success && v.action === 'restart').map(([u]) => u);
        if (failed.length) toast(t('config.apply_failed', { units: failed.join(', ') }), 'bad');
        else if (restarted.length) toast(t('config.applied', { units: restarted.join(', ') }), 'ok');
        else toast(t('config.saved'), 'ok');
        return r;
      } catch (e) {
        if (e.body && e.body.field_errors) {
          this.showErrors(e.body.field_errors);
          toast(t('config.invalid'), 'bad');
        } else {
          toast(errorText(e), 'bad');
        }
        return null;
      }
    });
  }
}
