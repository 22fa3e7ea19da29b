// Video: source, camera, output size, encoder, overlay, audio and RTSP
// settings (config.env through the schema); "apply" restarts the RTSP
// service so the stream changes at once.
import * as api from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n.js';
import { ConfigForm, loadSchema } from '../config-form.js';
import { busy, errorText, panelHead, toast } from '../ui.js';

export const GROUPS = [
  ['video.source', ['STREAM_SOURCE_MODE', 'STREAM_SOURCE_URL', 'RTSP_PROXY_TRANSPORT', 'RTSP_PROXY_AUDIO', 'RTSP_PROXY_LATENCY_MS', 'SCREEN_DISPLAY']],
  ['video.camera', ['CAMERA_TYPE', 'VIDEOIN_DEVICE', 'CSI_ENABLE', 'USB_ENABLE', 'VIDEOIN_FORMAT', 'VIDEOIN_WIDTH', 'VIDEOIN_HEIGHT', 'VIDEOIN_FPS']],
  ['video.output', ['VIDEOOUT_WIDTH', 'VIDEOOUT_HEIGHT', 'VIDEOOUT_FPS']],
  ['video.encoder', ['STREAM_QUALITY', 'H264_BITRATE_KBPS', 'H264_BITRATE_MODE', 'H264_KEYINT', 'H264_PROFILE', 'H264_QP', 'LOW_LATENCY']],
  ['video.overlay', ['VIDEO_OVERLAY_ENABLE', 'VIDEO_OVERLAY_TEXT', 'VIDEO_OVERLAY_POSITION', 'VIDEO_OVERLAY_SHOW_DATETIME', 'VIDEO_OVERLAY_DATETIME_FORMAT', 'VIDEO_OVERLAY_CLOCK_POSITION', 'VIDEO_OVERLAY_FONT_SIZE', 'CSI_OVERLAY_MODE']],
  ['video.audio', ['AUDIO_ENABLE', 'AUDIO_DEVICE', 'AUDIO_RATE', 'AUDIO_CHANNELS', 'AUDIO_BITRATE_KBPS', 'AUDIO_GAIN', 'AUDIO_CODEC']],
  ['video.rtsp', ['RTSP_PORT', 'RTSP_PATH', 'RTSP_PROTOCOLS', 'RTSP_USER', 'RTSP_PASSWORD', 'RTSP_AUTH_METHOD']],
];

let root = null;

export function mount(panel) {
  root = panel;
}

function setField(form, key, value) {
  const f = form.fields.get(key);
  if (!f) return;
  f.el.value = String(value);
  f.el.dispatchEvent(new Event('change'));
}

// Camera detection (from the RTSP service's probe): pick a mode and the
// capture fields are filled in (frame rate: the mode's highest).
function detectCard(form) {
  const out = h('div', { id: 'detect-result' });
  const button = h('button', { type: 'button', id: 'detect-run' }, t('video.detect'));
  button.addEventListener('click', () => busy(button, async () => {
    clear(out);
    try {
      const cams = await api.get('/api/detect/cameras');
      if (cams.cameras.length === 0) {
        out.append(h('p', { class: 'muted' }, t('video.no_camera')));
        return;
      }
      const camSel = h('select', { id: 'detect-camera' }, cams.cameras.map((c) => h('option', { value: c.device }, `${c.name} (${c.device})`)));
      const modeSel = h('select', { id: 'detect-mode' });
      const loadModes = async () => {
        clear(modeSel);
        const f = await api.get(`/api/camera/formats?device=${encodeURIComponent(camSel.value)}`);
        for (const fmt of f.formats) {
          for (const r of fmt.resolutions) {
            const fps = r.framerates.length ? r.framerates[0] : '';
            modeSel.append(h('option', { value: JSON.stringify({ format: fmt.format, width: r.width, height: r.height, fps, device: f.device }) },
              t('video.mode', { format: fmt.format, w: r.width, h: r.height, fps })));
          }
        }
      };
      camSel.addEventListener('change', () => loadModes().catch((e) => toast(errorText(e), 'bad')));
      const use = h('button', { type: 'button', id: 'detect-use' }, t('video.use_mode'));
      use.addEventListener('click', () => {
        if (!modeSel.value) return;
        const m = JSON.parse(modeSel.value);
        if (m.device && m.device.startsWith('/dev/')) setField(form, 'VIDEOIN_DEVICE', m.device);
        setField(form, 'VIDEOIN_FORMAT', ['MJPG', 'YUYV', 'H264'].includes(m.format) ? m.format : 'auto');
        setField(form, 'VIDEOIN_WIDTH', m.width);
        setField(form, 'VIDEOIN_HEIGHT', m.height);
        if (m.fps) setField(form, 'VIDEOIN_FPS', Math.round(m.fps));
        toast(t('video.mode_filled'), 'ok');
      });
      out.append(h('div', { class: 'toolbar' },
        h('div', {}, h('label', { for: 'detect-camera' }, t('video.camera')), camSel),
        h('div', {}, h('label', { for: 'detect-mode' }, t('video.modes')), modeSel),
        use));
      await loadModes();
    } catch (e) {
      out.append(h('p', { class: 'form-error' }, e.status === 503 ? t('video.detect_down') : errorText(e)));
    }
  }));
  return h('div', { class: 'card', 'data-card': 'detect' }, h('h2', {}, t('video.detection')),
    h('p', { class: 'muted' }, t('video.detect_intro')), button, out);
}

export async function show() {
  let schema;
  let config;
  try {
    [schema, config] = await Promise.all([loadSchema(), api.get('/api/config')]);
  } catch (e) {
    clear(root).append(panelHead('video.title'), h('p', { class: 'form-error' }, errorText(e)));
    return;
  }
  const form = new ConfigForm(GROUPS.flatMap(([, keys]) => keys));
  const sections = GROUPS.map(([titleKey, keys], i) => {
    const fields = h('div', { class: 'fields' });
    const sub = new ConfigForm(keys);
    sub.render(fields, schema, config.config);
    for (const [k, v] of sub.fields) form.fields.set(k, v);
    Object.assign(form.initial, sub.initial);
    return h('details', { class: 'section', open: i < 3, 'data-group': titleKey }, h('summary', {}, t(titleKey)), fields);
  });
  const apply = h('button', { type: 'button', class: 'primary', id: 'video-apply' }, t('video.apply'));
  const save = h('button', { type: 'button', id: 'video-save' }, t('config.save'));
  apply.addEventListener('click', () => form.save(apply, true));
  save.addEventListener('click', () => form.save(save, false));
  clear(root).append(
    panelHead('video.title'),
    h('p', { class: 'muted' }, t('video.intro')),
    detectCard(form),
    ...sections,
    h('div', { class: 'savebar' }, h('span', { class: 'muted' }, t('video.apply_hint')), h('span', { class: 'spacer' }), save, apply),
  );
}
