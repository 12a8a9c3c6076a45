/** One `getsettings` entry: type 0 = int, 1 = bool ("true"/"false"), 2 = string; access Y/R/W. */
export interface UtSetting {
  type: 0 | 1 | 2;
  value: string;
  access: 'Y' | 'R' | 'W';
}

export function createSettings(downloadDir: string): Map<string, UtSetting> {
  const entries: [string, UtSetting['type'], string, UtSetting['access']?][] = [
    ['bind_port', 0, '49999'],
    // Rate limits are KiB/s, 0 = unlimited.
    ['max_dl_rate', 0, '0'],
    ['max_ul_rate', 0, '0'],
    ['max_ul_rate_seed_flag', 1, 'false'],
    ['max_ul_rate_seed', 0, '0'],
    ['conns_globally', 0, '200'],
    ['conns_per_torrent', 0, '50'],
    ['ul_slots_per_torrent', 0, '4'],
    ['max_active_torrent', 0, '8'],
    ['max_active_downloads', 0, '5'],
    ['seed_ratio', 0, '1500'],
    ['seed_time', 0, '0'],
    ['dht', 1, 'true'],
    ['pex', 1, 'true'],
    ['dir_active_download_flag', 1, 'true'],
    ['dir_active_download', 2, downloadDir],
    ['dir_completed_download_flag', 1, 'false'],
    ['dir_completed_download', 2, ''],
    ['webui.enable', 1, 'true'],
    ['webui.username', 2, 'admin'],
    ['webui.password', 2, '********', 'W'],
    ['webui.port', 0, '8080'],
    ['sys.enable_wine_hacks', 1, 'true', 'R'],
  ];
  return new Map(
    entries.map(([name, type, value, access]) => [name, { type, value, access: access ?? 'Y' }]),
  );
}

/** `getsettings` rows: `[name, type, value-as-string, {access}]`. */
export function settingsRows(settings: Map<string, UtSetting>): unknown[] {
  return [...settings].map(([name, s]) => [name, s.type, s.value, { access: s.access }]);
}

/** Applies one `setsetting` pair; unknown names and read-only settings are ignored. */
export function applySetting(settings: Map<string, UtSetting>, name: string, value: string): void {
  const setting = settings.get(name);
  if (!setting || setting.access === 'R') return;
  if (setting.type === 0) {
    const n = Number.parseInt(value, 10);
    if (Number.isFinite(n)) setting.value = String(n);
  } else if (setting.type === 1) {
    setting.value = value === 'true' || value === '1' ? 'true' : 'false';
  } else {
    setting.value = value;
  }
}

/** An integer setting's value (e.g. `max_dl_rate` in KiB/s). */
export function intSetting(settings: Map<string, UtSetting>, name: string): number {
  return Number.parseInt(settings.get(name)?.value ?? '0', 10) || 0;
}
