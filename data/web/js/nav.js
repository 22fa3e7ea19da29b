// Hash navigation (spec §9.2.1bis): #tab, ?tab=tab or ?tab, with aliases.
// A name we do not know (or a tab not built yet) shows the home tab.

export const TABS = ['home', 'video', 'recordings', 'config', 'services', 'logs', 'system'];

export const ALIASES = {
  camera: 'video',
  stream: 'video',
  rtsp: 'video',
  rec: 'recordings',
  record: 'recordings',
  files: 'recordings',
  settings: 'config',
  advanced: 'config',
  service: 'services',
  log: 'logs',
  journal: 'logs',
  update: 'system',
  updates: 'system',
  diag: 'system',
  diagnostic: 'system',
  about: 'system',
  // the power tab is not built yet: its aliases land on home
  energy: 'home',
  led: 'home',
  leds: 'home',
  power: 'home',
};

export function resolveTab(name) {
  const n = String(name || '').trim().toLowerCase();
  if (TABS.includes(n)) return n;
  if (n in ALIASES) return ALIASES[n];
  return 'home';
}

// The tab asked for by a location: hash first, then ?tab=x, then ?x.
export function tabFromLocation(loc) {
  const hash = (loc.hash || '').replace(/^#/, '');
  if (hash) return resolveTab(hash);
  const params = new URLSearchParams(loc.search || '');
  if (params.has('tab')) return resolveTab(params.get('tab'));
  for (const key of params.keys()) return resolveTab(key);
  return 'home';
}
