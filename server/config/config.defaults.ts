import { DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_LOGIN_THROTTLE, type PanelConfig } from './config.schema';

/**
 * What a new config.json holds, before the generated admin password hash is added. Mirrors
 * config/default.json (a test keeps the two equal).
 */
export function defaultConfig(): Omit<PanelConfig, 'admin'> & { admin: { username: string } } {
  return {
    admin: { username: 'admin' },
    seerr: { url: '', api_key: '' },
    media_servers: [],
    user_settings: {},
    sync_interval_minutes: null,
    audit_retention_days: DEFAULT_AUDIT_RETENTION_DAYS,
    login_throttle: { ...DEFAULT_LOGIN_THROTTLE },
  };
}
