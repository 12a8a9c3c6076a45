import { type SyncPlanDto } from '../../../../client/src/app/api';
import { applyQuestion, deletionsApplied } from '../../../../client/src/app/features/sync/sync-apply';

function plan(deletions: number, guard: Partial<SyncPlanDto['guard']> = {}): SyncPlanDto {
  return {
    creates: [],
    updates: [],
    deletions: Array.from({ length: deletions }, (_, i) => ({ username: `user${i}` })),
    skips: [],
    unchanged: 0,
    guard: { deletions_allowed: true, needs_approval: false, cap: 5, reason: null, ...guard },
    server_errors: [],
  } as unknown as SyncPlanDto;
}

describe('applying a sync plan (the Sync page and the dashboard)', () => {
  it('asks before a run that deletes, naming how many', () => {
    expect(applyQuestion(plan(2))).toEqual({
      title: 'Delete 2 Seerr users?',
      message:
        'This run deletes 2 Seerr accounts, and with them their requests. It also creates and updates the users listed in the plan.',
      confirm: 'Apply and delete',
      destructive: true,
    });
    expect(applyQuestion(plan(1))?.title).toBe('Delete 1 Seerr user?');
  });

  it.each([
    ['deletes nobody', plan(0)],
    ['the guard refuses deletions', plan(3, { deletions_allowed: false, reason: 'Seerr has too few users' })],
    ['the run waits for approval before deleting', plan(30, { needs_approval: true })],
  ])('applies without asking when %s', (_, p) => {
    expect(deletionsApplied(p)).toBe(0);
    expect(applyQuestion(p)).toBeNull();
  });
});
