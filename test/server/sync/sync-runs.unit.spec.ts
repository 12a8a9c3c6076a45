import { NotFoundException } from '@nestjs/common';
import { BehaviorSubject, firstValueFrom } from 'rxjs';
import type { ConfigStore } from '../../../server/config/config.store';
import type { SyncProgress } from '../../../server/sync/sync-progress';
import type { SyncRunStore } from '../../../server/sync/sync-run.store';
import { SyncRunsService } from '../../../server/sync/sync-runs.service';
import type { SyncProgressDto, SyncRunDto } from '../../../server/sync/sync.dto';
import type { SyncScheduler } from '../../../server/sync/sync.scheduler';
import type { SyncService } from '../../../server/sync/sync.service';

const RUN = { id: 5, status: 'completed', trigger: 'api' } as unknown as SyncRunDto;
const PROGRESS: SyncProgressDto = { run_id: 5, phase: 'creating', done: 1, total: 3 };

function setup(running = false) {
  const sync = { running, start: jest.fn(), approve: jest.fn() };
  const runs = { list: jest.fn(), get: jest.fn(), latest: jest.fn() };
  const scheduler = { intervalMinutes: 60, nextRunAt: new Date('2026-01-01T01:00:00Z') };
  const progress = {
    current: PROGRESS,
    changes: new BehaviorSubject<SyncProgressDto | null>(PROGRESS),
  };
  const service = new SyncRunsService(
    sync as unknown as SyncService,
    runs as unknown as SyncRunStore,
    scheduler as unknown as SyncScheduler,
    progress as unknown as SyncProgress,
    { get: () => ({ media_servers: [] }) } as unknown as ConfigStore,
  );
  return { service, sync, runs };
}

describe(SyncRunsService.name, () => {
  it.each([
    [{ from_ui: true, force: true }, 'manual', { force: true }],
    [{ remove_missing: true }, 'api', { remove_missing: true }],
  ])('starts %j as trigger %s for the actor', async (body, trigger, options) => {
    const { service, sync } = setup();
    sync.start.mockResolvedValue(12);
    await expect(service.start(body, 'admin')).resolves.toEqual({ run_id: 12 });
    expect(sync.start).toHaveBeenCalledWith(trigger, 'admin', options);
  });

  it('approves the run for the actor', async () => {
    const { service, sync } = setup();
    sync.approve.mockResolvedValue(6);
    await expect(service.approve(5, 'admin')).resolves.toEqual({ run_id: 6 });
    expect(sync.approve).toHaveBeenCalledWith(5, 'admin');
  });

  it.each([
    [{}, 1, 20],
    [{ page: 3, page_size: 5 }, 3, 5],
  ])('lists the runs of %j (page %d of %d)', async (query, page, size) => {
    const { service, runs } = setup();
    runs.list.mockResolvedValue({ items: [RUN], total: 1, page, page_size: size });
    await service.list(query);
    expect(runs.list).toHaveBeenCalledWith(page, size);
  });

  it('returns the run of the id', async () => {
    const { service, runs } = setup();
    runs.get.mockResolvedValue(RUN);
    await expect(service.get(5)).resolves.toEqual(RUN);
    expect(runs.get).toHaveBeenCalledWith(5);
  });

  it('answers 404 naming the run when there is none', async () => {
    const { service, runs } = setup();
    runs.get.mockResolvedValue(undefined);
    await expect(service.get(7)).rejects.toEqual(new NotFoundException('There is no sync run #7.'));
  });

  it.each([
    [true, PROGRESS],
    [false, null],
  ])(
    'while running is %s, shows progress %j with the schedule and the last run',
    async (running, progress) => {
      const { service, runs } = setup(running);
      runs.latest.mockResolvedValue(RUN);
      await expect(service.status()).resolves.toEqual({
        running,
        progress,
        interval_minutes: 60,
        next_run_at: '2026-01-01T01:00:00.000Z',
        last_run: RUN,
      });
    },
  );

  it('replays the progress of a running sync as a "progress" event', async () => {
    const { service } = setup(true);
    await expect(firstValueFrom(service.events())).resolves.toEqual({ type: 'progress', data: PROGRESS });
  });
});
