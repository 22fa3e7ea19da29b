// First-run setup, login and logout views.
import * as api from './api.js';
import { $ } from './dom.js';
import { t } from './i18n.js';
import { errorText } from './ui.js';

function showError(el, text) {
  el.textContent = text;
  el.hidden = !text;
}

export function bindSetup(onDone) {
  const form = $('#setup-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const err = $('#setup-error');
    const password = $('#setup-password').value;
    if (password !== $('#setup-confirm').value) {
      showError(err, t('setup.mismatch'));
      return;
    }
    showError(err, '');
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const r = await api.post('/api/auth/setup', { password });
      api.setCsrfToken(r.csrf_token);
      form.reset();
      onDone();
    } catch (e) {
      showError(err, e.body && e.body.error === 'weak_password' ? t('setup.weak') : errorText(e));
    } finally {
      button.disabled = false;
    }
  });
}

export function bindLogin(onDone) {
  const form = $('#login-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const err = $('#login-error');
    showError(err, '');
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const r = await api.post('/api/auth/login', {
        username: $('#login-username').value,
        password: $('#login-password').value,
      });
      api.setCsrfToken(r.csrf_token);
      $('#login-password').value = '';
      onDone();
    } catch (e) {
      if (e.status === 429) showError(err, t('login.locked', { s: e.body.retry_after || '?' }));
      else if (e.status === 401) showError(err, t('login.invalid'));
      else showError(err, errorText(e));
    } finally {
      button.disabled = false;
    }
  });
}

export async function logout() {
  try {
    await api.post('/api/auth/logout');
  } catch (e) {
    // the session may already be gone: the login page follows anyway
  }
  api.setCsrfToken(null);
}
