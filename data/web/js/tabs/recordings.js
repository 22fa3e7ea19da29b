// Recordings: the gallery comes with the media library; until then this
// tab says so.
import { clear, h } from '../dom.js';
import { t } from '../i18n.js';
import { panelHead } from '../ui.js';

let root = null;

export function mount(panel) {
  root = panel;
}

export function show() {
  clear(root).append(
    panelHead('recordings.title'),
    h('div', { class: 'card placeholder' },
      h('div', { class: 'big', 'aria-hidden': 'true' }, '🎞'),
      h('h2', { 'data-i18n': 'recordings.coming' }, t('recordings.coming')),
      h('p', { class: 'muted', 'data-i18n': 'recordings.coming_text' }, t('recordings.coming_text'))),
  );
}
