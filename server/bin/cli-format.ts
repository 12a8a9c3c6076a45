import type { SyncPlan } from '../sync/sync-plan.types';
import type { SyncRunDetailDto } from '../sync/sync.dto';

const line = (label: string, value: number | string) => `  ${label.padEnd(22)}${value}\n`;

/** The dry run as a short report: counts, then each action with its reason. */
export function formatPlan(plan: SyncPlan): string {
  let out = 'Sync plan (dry run: nothing was written)\n';
  out += line('to create', plan.creates.length);
  out += line('quotas to update', plan.updates.length);
  out += line('to delete', plan.deletions.length);
  out += line('skipped', plan.skips.length);
  out += line('already in line', plan.unchanged);
  for (const e of plan.server_errors) out += `! ${e.server}: ${e.error}\n`;
  if (plan.guard.reason) out += `! ${plan.guard.reason}\n`;
  if (plan.guard.needs_approval)
    out += `! ${plan.deletions.length} deletions exceed the cap of ${plan.guard.cap}: a real run will wait for approval (or use --force)\n`;
  for (const c of plan.creates)
    out += `+ ${c.username} (from ${c.settings_from}${c.weak_password ? ', password under 8 characters' : ''})\n`;
  for (const u of plan.updates) out += `~ ${u.username}: ${u.reason}\n`;
  for (const d of plan.deletions) out += `- ${d.username}: ${d.reason}\n`;
  for (const s of plan.skips) out += `  ${s.username}: ${s.reason}\n`;
  return out;
}

export function formatRun(run: SyncRunDetailDto): string {
  const c = run.counts;
  let out = `Sync run #${run.id}: ${run.status.replace('_', ' ')}\n`;
  out += line('created', c.created);
  out += line('quotas updated', c.updated);
  out += line('deleted', c.deleted);
  out += line('failed', c.failed);
  out += line('skipped', c.skipped);
  out += line('already in line', c.unchanged);
  if (c.pending_deletions) out += line('awaiting approval', c.pending_deletions);
  out += line('took', `${((run.timings.total_ms ?? 0) / 1000).toFixed(1)} s`);
  for (const e of run.server_errors) out += `! ${e.server}: ${e.error}\n`;
  if (run.message) out += `${run.message}\n`;
  for (const u of run.users.filter((u) => u.outcome === 'error'))
    out += `x ${u.username}: ${u.message ?? ''}\n`;
  return out;
}
