import type { AuditEntryDto } from '../../../server/audit/audit.dto';

/** One login entry, shared by the audit specs. */
export const ENTRY: AuditEntryDto = {
  id: 1,
  time: '2026-01-02T03:04:05.000Z',
  actor: 'admin',
  ip: '127.0.0.1',
  action: 'auth.login',
  target: null,
  outcome: 'ok',
  status_code: 200,
  detail: {},
};
