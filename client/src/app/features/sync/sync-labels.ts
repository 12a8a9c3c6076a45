import {
  type SyncAction,
  type SyncPhase,
  type SyncRunStatus,
  type SyncSkipCode,
  type SyncTrigger,
  type SyncUserOutcome,
} from '../../api';
import { formatMilliseconds } from '../../common/format/durations';
import { type ChipLook } from '../../common/status-chip.component';

export const RUN_STATUS: Readonly<Record<SyncRunStatus, ChipLook>> = {
  running: { label: 'Running', tone: 'info', icon: 'sync' },
  awaiting_approval: { label: 'Awaiting approval', tone: 'warning', icon: 'front_hand' },
  completed: { label: 'Completed', tone: 'success', icon: 'check_circle' },
  failed: { label: 'Failed', tone: 'error', icon: 'error' },
};

export const USER_OUTCOME: Readonly<Record<SyncUserOutcome, ChipLook>> = {
  ok: { label: 'Done', tone: 'success', icon: 'check' },
  error: { label: 'Failed', tone: 'error', icon: 'close' },
  skipped: { label: 'Skipped', tone: 'neutral', icon: 'redo' },
  pending: { label: 'Awaiting approval', tone: 'warning', icon: 'front_hand' },
};

export const ACTION_LABEL: Readonly<Record<SyncAction, string>> = {
  create: 'Create',
  update: 'Update quota',
  delete: 'Delete',
  skip: 'Skip',
};

export const PHASE_LABEL: Readonly<Record<SyncPhase, string>> = {
  reading: 'Reading media servers and Seerr',
  creating: 'Creating Seerr users',
  updating: 'Updating request limits',
  deleting: 'Deleting Seerr users',
  awaiting_approval: 'Waiting for approval',
  done: 'Finished',
  failed: 'Failed',
};

/** Phases after which a run writes nothing more until someone acts. */
export const FINAL_PHASES: readonly SyncPhase[] = ['done', 'failed', 'awaiting_approval'];

/** While a run is believed to be going, its status is also polled, in case the event stream dropped or opened late. */
export const SYNC_STATUS_POLL_MS = 5000;

export const TRIGGER_LABEL: Readonly<Record<SyncTrigger, string>> = {
  manual: 'Panel',
  schedule: 'Schedule',
  api: 'API',
  cli: 'Command line',
};

export const SKIP_LABEL: Readonly<Record<SyncSkipCode, string>> = {
  blocked: 'Blocked',
  disabled: 'Disabled',
  'no-username': 'No user name',
  immune: 'Immune',
  owner: 'Seerr owner',
  admin: 'Administrator',
  'server-failed': 'Server failed',
  'removal-off': 'Removal off',
  'quota-ignored': 'Quota ignored',
  'added-by-hand': 'Added by hand',
  ambiguous: 'Ambiguous',
};

/** "0.4 s", "12.3 s", "3 min 5 s"; null while the run has not finished. */
export function runDuration(run: { readonly timings: Record<string, number> }): string | null {
  const ms = run.timings['total_ms'];
  if (ms === undefined) {
    return null;
  }
  return formatMilliseconds(ms);
}
