import { NotFoundException } from '@nestjs/common';
import { of } from 'rxjs';
import { SyncRunsService } from '../../../server/sync/sync-runs.service';
import { SyncController } from '../../../server/sync/sync.controller';
import type { SyncProgressDto, SyncRunDto } from '../../../server/sync/sync.dto';
import { SyncService } from '../../../server/sync/sync.service';
import { badRequest, SPEC_ADMIN, useController } from '../support/controller-setup';

const RUN = { id: 5, status: 'completed', trigger: 'api' } as unknown as SyncRunDto;
const PROGRESS: SyncProgressDto = { run_id: 5, phase: 'creating', done: 1, total: 3 };

const BAD_OPTIONS: [Record<string, unknown>, string][] = [
  [{ remove_missing: 'yes' }, 'remove_missing must be true or false'],
  [{ permissions: -1 }, 'permissions must not be less than 0'],
  [{ permissions: 1.5 }, 'permissions must be an integer number'],
  [{ force: 1 }, 'force must be true or false'],
  [{ dry_run: true }, 'dry_run should not exist'],
];

describe(SyncController.name, () => {
  const ctx = useController(SyncController);

  describe('POST /api/sync/plan', () => {
    it('previews with the options of the body', async () => {
      const sync = ctx.mock(SyncService);
      const plan = { creates: [], updates: [], deletes: [] };
      sync.preview.mockResolvedValue(plan as never);
      const res = await ctx
        .admin()
        .post('/api/sync/plan')
        .send({ remove_missing: false, permissions: 32 })
        .expect(200);
      expect(res.body).toEqual(plan);
      expect(sync.preview).toHaveBeenCalledWith({ remove_missing: false, permissions: 32 });
    });

    it.each([...BAD_OPTIONS, [{ from_ui: true }, 'from_ui should not exist']])(
      'refuses %j with 400',
      async (body, message) => {
        const res = await ctx.admin().post('/api/sync/plan').send(body).expect(400);
        expect(res.body).toEqual(badRequest(message));
      },
    );
  });

  describe('POST /api/sync', () => {
    it.each([[{ from_ui: true, force: true }], [{ remove_missing: true }]])(
      'starts %j for the signed-in admin, answering 202',
      async (body) => {
        const runs = ctx.mock(SyncRunsService);
        runs.start.mockResolvedValue({ run_id: 12 });
        const res = await ctx.admin().post('/api/sync').send(body).expect(202);
        expect(res.body).toEqual({ run_id: 12 });
        expect(runs.start).toHaveBeenCalledWith(body, SPEC_ADMIN);
      },
    );

    it.each([...BAD_OPTIONS, [{ from_ui: 'yes' }, 'from_ui must be true or false']])(
      'refuses %j with 400',
      async (body, message) => {
        const res = await ctx.admin().post('/api/sync').send(body).expect(400);
        expect(res.body).toEqual(badRequest(message));
        expect(ctx.mock(SyncRunsService).start).not.toHaveBeenCalled();
      },
    );
  });

  describe('GET /api/sync/runs', () => {
    it.each([
      ['', {}],
      ['?page=3&page_size=5', { page: 3, page_size: 5 }],
    ])('lists the runs of %s (query %j)', async (query, parsed) => {
      const runs = ctx.mock(SyncRunsService);
      const page = { items: [RUN], total: 1, page: 1, page_size: 20 };
      runs.list.mockResolvedValue(page);
      const res = await ctx.admin().get(`/api/sync/runs${query}`).expect(200);
      expect(res.body).toEqual(page);
      expect(runs.list).toHaveBeenCalledWith(parsed);
    });

    it.each([
      ['page=0', 'page must not be less than 1'],
      ['page_size=201', 'page_size must not be greater than 200'],
      ['page=x', 'page must be an integer number'],
      ['status=failed', 'status should not exist'],
    ])('refuses ?%s with 400', async (query, message) => {
      const res = await ctx.admin().get(`/api/sync/runs?${query}`).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('GET /api/sync/runs/:id', () => {
    it('returns the run of the numeric id', async () => {
      const runs = ctx.mock(SyncRunsService);
      runs.get.mockResolvedValue(RUN as never);
      const res = await ctx.admin().get('/api/sync/runs/5').expect(200);
      expect(res.body).toEqual(RUN);
      expect(runs.get).toHaveBeenCalledWith(5);
    });

    it('answers 404 naming the run when there is none', async () => {
      ctx.mock(SyncRunsService).get.mockRejectedValue(new NotFoundException('There is no sync run #7.'));
      const res = await ctx.admin().get('/api/sync/runs/7').expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'There is no sync run #7.',
        detail: 'There is no sync run #7.',
      });
    });

    it.each([
      ['abc', 'id must be an integer number'],
      ['0', 'id must not be less than 1'],
      ['2147483648', 'id must not be greater than 2147483647'],
    ])('refuses /api/sync/runs/%s with 400', async (id, message) => {
      const res = await ctx.admin().get(`/api/sync/runs/${id}`).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('POST /api/sync/runs/:id/approve', () => {
    it('approves the run for the signed-in admin, answering 202', async () => {
      const runs = ctx.mock(SyncRunsService);
      runs.approve.mockResolvedValue({ run_id: 6 });
      const res = await ctx.admin().post('/api/sync/runs/5/approve').expect(202);
      expect(res.body).toEqual({ run_id: 6 });
      expect(runs.approve).toHaveBeenCalledWith(5, SPEC_ADMIN);
    });

    it('refuses a run id that is not a number with 400', async () => {
      const res = await ctx.admin().post('/api/sync/runs/last/approve').expect(400);
      expect(res.body).toEqual(badRequest('id must be an integer number'));
    });
  });

  describe('GET /api/sync/runs/:id/credentials.csv', () => {
    it('answers the CSV as an attachment that is never cached', async () => {
      const runs = ctx.mock(SyncRunsService);
      runs.credentialsCsv.mockResolvedValue('username\r\n"ann"\r\n');
      const res = await ctx.admin().get('/api/sync/runs/5/credentials.csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="sync-run-5-credentials.csv"');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toBe('username\r\n"ann"\r\n');
      expect(runs.credentialsCsv).toHaveBeenCalledWith(5);
    });

    it('refuses a run id that is not a number, and anyone signed out', async () => {
      const res = await ctx.admin().get('/api/sync/runs/last/credentials.csv').expect(400);
      expect(res.body).toEqual(badRequest('id must be an integer number'));
      await ctx.http().get('/api/sync/runs/5/credentials').expect(401);
    });
  });

  describe('GET /api/sync/status', () => {
    it.each([
      [true, PROGRESS],
      [false, null],
    ])(
      'while running is %s, shows progress %j with the schedule and the last run',
      async (running, progress) => {
        ctx.mock(SyncRunsService).status.mockResolvedValue({
          running,
          progress,
          interval_minutes: 60,
          next_run_at: '2026-01-01T01:00:00.000Z',
          last_run: RUN,
        });
        const res = await ctx.admin().get('/api/sync/status').expect(200);
        expect(res.body).toEqual({
          running,
          progress,
          interval_minutes: 60,
          next_run_at: '2026-01-01T01:00:00.000Z',
          last_run: RUN,
        });
      },
    );
  });

  describe('GET /api/sync/events', () => {
    it('replays the progress of a running sync as a "progress" event', async () => {
      ctx.mock(SyncRunsService).events.mockReturnValue(of({ type: 'progress', data: PROGRESS }));
      const res = await ctx.stream('/api/sync/events', '\n\n');
      expect(res.status).toBe(200);
      expect(res.contentType).toBe('text/event-stream');
      expect(res.text).toContain(`event: progress\nid: 1\ndata: ${JSON.stringify(PROGRESS)}\n\n`);
    });
  });
});
