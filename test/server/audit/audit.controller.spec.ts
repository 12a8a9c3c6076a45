import { Readable } from 'node:stream';
import { AuditController } from '../../../server/audit/audit.controller';
import { AuditListQueryDto } from '../../../server/audit/audit.dto';
import { AuditService } from '../../../server/audit/audit.service';
import { badRequest, useController } from '../support/controller-setup';
import { ENTRY } from './audit-entry.fixture';

/** Query strings the list and the export both refuse, with the pipe's sentence. */
const BAD_FILTERS: [string, string][] = [
  ['outcome=maybe', 'outcome must be one of: ok, error'],
  ['from=yesterday', 'from must be an ISO 8601 date or date-time'],
  ['to=2026-13-01', 'to must be an ISO 8601 date or date-time'],
  ['from=2026-03-02T00:00:00Z&to=2026-03-01T23:59:59Z', 'from must not be after to'],
  [`q=${'x'.repeat(201)}`, 'q must be shorter than or equal to 200 characters'],
  ['colour=red', 'colour should not exist'],
];

describe(AuditController.name, () => {
  const ctx = useController(AuditController);

  describe('GET /api/audit', () => {
    it('passes the filter with numbers for the paging and returns the page', async () => {
      const audit = ctx.mock(AuditService);
      const page = { items: [ENTRY], total: 1, page: 2, page_size: 10 };
      audit.list.mockResolvedValue(page);
      const res = await ctx
        .http()
        .get('/api/audit?page=2&page_size=10&sort=actor&order=asc&outcome=error&from=2026-01-01')
        .set('Authorization', ctx.auth)
        .expect(200);
      expect(res.body).toEqual(page);
      expect(audit.list).toHaveBeenCalledWith({
        page: 2,
        page_size: 10,
        sort: 'actor',
        order: 'asc',
        outcome: 'error',
        from: '2026-01-01',
      });
      expect(audit.list.mock.calls[0][0]).toBeInstanceOf(AuditListQueryDto);
    });

    it.each([
      ...BAD_FILTERS,
      ['page=0', 'page must not be less than 1'],
      ['page=two', 'page must be an integer number'],
      ['page_size=501', 'page_size must not be greater than 500'],
      ['sort=ip', 'sort must be one of: time, action, actor, outcome'],
      ['order=up', 'order must be one of: asc, desc'],
    ])('refuses ?%s with 400', async (query, message) => {
      const res = await ctx.http().get(`/api/audit?${query}`).set('Authorization', ctx.auth).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(AuditService).list).not.toHaveBeenCalled();
    });
  });

  it('GET /api/audit/actions returns the action names', async () => {
    ctx.mock(AuditService).actions.mockResolvedValue({ actions: ['auth.login'] });
    const res = await ctx.http().get('/api/audit/actions').set('Authorization', ctx.auth).expect(200);
    expect(res.body).toEqual({ actions: ['auth.login'] });
  });

  describe('GET /api/audit/export', () => {
    it('streams the filtered entries as a CSV attachment', async () => {
      const audit = ctx.mock(AuditService);
      audit.exportCsv.mockReturnValue(
        Readable.from([
          'id,time,actor,ip,action,target,outcome,status_code,detail\r\n' +
            '1,2026-01-02T03:04:05.000Z,admin,127.0.0.1,auth.login,,ok,200,{}\r\n',
        ]),
      );
      const res = await ctx
        .http()
        .get('/api/audit/export?actor=adm')
        .set('Authorization', ctx.auth)
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"');
      expect(res.text).toBe(
        'id,time,actor,ip,action,target,outcome,status_code,detail\r\n' +
          '1,2026-01-02T03:04:05.000Z,admin,127.0.0.1,auth.login,,ok,200,{}\r\n',
      );
      expect(audit.exportCsv).toHaveBeenCalledWith({ actor: 'adm' });
    });

    it.each([...BAD_FILTERS, ['page=2', 'page should not exist']])(
      'refuses ?%s with 400',
      async (query, message) => {
        const res = await ctx
          .http()
          .get(`/api/audit/export?${query}`)
          .set('Authorization', ctx.auth)
          .expect(400);
        // The refusal is JSON, not a CSV attachment.
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['content-disposition']).toBeUndefined();
        expect(res.body).toEqual(badRequest(message));
      },
    );
  });
});
