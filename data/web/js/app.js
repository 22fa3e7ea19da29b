// Boot: language, then first run / login / the application, then the tab
// asked for by the URL. Each tab is one module with mount() and show().
import * as api from './api.js';
import { bindLogin, bindSetup, logout } from './auth.js';
import { $, $$ } from './dom.js';
import { onChange, setLanguage, storedLanguage } from './i18n.js';
import { TABS, tabFromLocation } from './nav.js';
import * as config from './tabs/config.js';
import * as home from './tabs/home.js';
import * as logs from './tabs/logs.js';
import * as recordings from './tabs/recordings.js';
import * as services from './tabs/services.js';
import * as system from './tabs/system.js';
import * as video from './tabs/video.js';

const modules = { home, video, recordings, config, services, logs, system };
const mounted = new Set();
let active = null;

function showView(name) {
  $('#boot').hidden = true;
  $('#view-setup').hidden = name !== 'setup';
  $('#view-login').hidden = name !== 'login';
  $('#view-app').hidden = name !== 'app';
  if (name === 'login') $('#login-password').focus();
  if (name === 'setup') $('#setup-password').focus();
}

function showTab(name) {
  if (active && active !== name && modules[active].hide) modules[active].hide();
  active = name;
  for (const a of $$('#tabs a')) a.classList.toggle('active', a.dataset.tab === name);
  for (const p of $$('#panels .panel')) p.hidden = p.dataset.panel !== name;
  const panel = $(`#tab-${name}`);
  if (!mounted.has(name)) {
    modules[name].mount(panel);
    mounted.add(name);
  }
  modules[name].show();
}

function route() {
  const tab = tabFromLocation(window.location);
  const wanted = (window.location.hash || '').replace(/^#/, '');
  // aliases and unknown names are rewritten to the real tab
  if (wanted !== tab) history.replaceState(null, '', `${window.location.pathname}#${tab}`);
  showTab(tab);
}

async function enterApp() {
  showView('app');
  route();
}

async function start() {
  const status = await api.get('/api/auth/status');
  if (status.setup_required) {
    showView('setup');
    return;
  }
  if (!status.authenticated || !status.csrf_token) {
    showView('login');
    return;
  }
  api.setCsrfToken(status.csrf_token);
  await enterApp();
}

function toLogin() {
  for (const name of TABS) if (modules[name].hide) modules[name].hide();
  api.setCsrfToken(null);
  showView('login');
}

async function boot() {
  await setLanguage(storedLanguage());
  const select = $('#language');
  select.value = storedLanguage();
  select.addEventListener('change', () => setLanguage(select.value));
  onChange((lang) => {
    select.value = lang;
    for (const name of mounted) if (modules[name].reset) modules[name].reset();
    if (active && !$('#view-app').hidden) modules[active].show();
  });
  api.setUnauthorizedHandler(toLogin);
  bindSetup(enterApp);
  bindLogin(enterApp);
  $('#logout').addEventListener('click', async () => {
    await logout();
    toLogin();
  });
  window.addEventListener('hashchange', () => {
    if (!$('#view-app').hidden) route();
  });
  await start();
}

boot().catch((e) => {
  const el = $('#boot');
  el.hidden = false;
  el.textContent = String(e && e.message ? e.message : e);
});
