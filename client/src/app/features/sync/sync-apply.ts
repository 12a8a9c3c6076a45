import { type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { type SyncPlanDto } from '../../api';

/** The deletions applying this plan makes now (none when the guard refuses or holds them for approval). */
export function deletionsApplied(plan: SyncPlanDto): number {
  return plan.guard.deletions_allowed && !plan.guard.needs_approval ? plan.deletions.length : 0;
}

/** What to ask before an Apply that deletes, or null when it deletes nobody. */
export function applyQuestion(plan: SyncPlanDto): ConfirmDialogData | null {
  const deletes = deletionsApplied(plan);
  if (deletes === 0) {
    return null;
  }
  return {
    title: `Delete ${deletes} Seerr ${deletes === 1 ? 'user' : 'users'}?`,
    message:
      `This run deletes ${deletes} Seerr ${deletes === 1 ? 'account' : 'accounts'}, and with ` +
      'them their requests. It also creates and updates the users listed in the plan.',
    confirm: 'Apply and delete',
    destructive: true,
  };
}
