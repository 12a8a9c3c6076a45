import { ENTRY } from './audit-entry.fixture';
import { AuditService } from '../../../server/audit/audit.service';
import type { DatabaseService } from '../../../server/database/database.service';

describe('AuditService.exportCsv', () => {
  it('builds the CSV of the filtered entries, header first', async () => {
    const audit = new AuditService({} as DatabaseService);
    const iterate = jest.spyOn(audit, 'iterate').mockImplementation(async function* () {
      yield await Promise.resolve(ENTRY);
    });
    const file = audit.exportCsv({ actor: 'adm' });
    const chunks: string[] = [];
    for await (const chunk of file) chunks.push(String(chunk));
    expect(chunks.join('')).toBe(
      'id,time,actor,ip,action,target,outcome,status_code,detail\r\n' +
        '"1","2026-01-02T03:04:05.000Z","admin","127.0.0.1","auth.login","","ok","200","{}"\r\n',
    );
    expect(iterate).toHaveBeenCalledWith({ actor: 'adm' });
  });
});
