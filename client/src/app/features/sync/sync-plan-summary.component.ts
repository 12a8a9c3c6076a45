import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

import { type SyncPlanDto } from '../../api';

interface Warning {
  readonly kind: 'error' | 'warning' | 'info';
  readonly icon: string;
  readonly text: string;
  readonly testId: string;
}

/** The plan at a glance: how many of each action, and the guards that hold a run back. */
@Component({
  selector: 'sp-sync-plan-summary',
  imports: [MatIconModule, DecimalPipe],
  template: `
    <ul class="counts" aria-label="Planned changes">
      @for (tile of tiles(); track tile.label) {
        <li [attr.data-testid]="'plan-count-' + tile.key">
          <span class="value sp-tabular">{{ tile.value | number }}</span>
          <span class="label">{{ tile.label }}</span>
        </li>
      }
    </ul>
    @if (warnings().length > 0) {
      <ul class="warnings">
        @for (warning of warnings(); track warning.text) {
          <li [class]="warning.kind" [attr.data-testid]="warning.testId" role="note">
            <mat-icon aria-hidden="true">{{ warning.icon }}</mat-icon>
            <span>{{ warning.text }}</span>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 16px;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .counts {
      display: grid;
      grid-template-columns: repeat(5, minmax(0, 1fr));
      gap: 8px;
    }
    .counts li {
      display: flex;
      flex-direction: column;
      padding: 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .value {
      font: var(--mat-sys-headline-small);
    }
    .label {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .warnings {
      display: grid;
      gap: 8px;
    }
    .warnings li {
      display: flex;
      gap: 10px;
      align-items: flex-start;
      padding: 10px 12px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .warnings li.error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .warnings li.warning {
      background: var(--sp-warning-container);
      color: var(--sp-on-warning-container);
    }
    .warnings mat-icon {
      flex: none;
    }
    @media (max-width: 599.98px) {
      .counts {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncPlanSummaryComponent {
  readonly plan = input.required<SyncPlanDto>();

  protected readonly tiles = computed(() => {
    const plan = this.plan();
    return [
      { key: 'create', label: 'To create', value: plan.creates.length },
      { key: 'update', label: 'Quota updates', value: plan.updates.length },
      { key: 'delete', label: 'To delete', value: plan.deletions.length },
      { key: 'skip', label: 'Skipped', value: plan.skips.length },
      { key: 'unchanged', label: 'Unchanged', value: plan.unchanged },
    ];
  });

  protected readonly warnings = computed((): Warning[] => {
    const { guard, server_errors, creates, deletions } = this.plan();
    const warnings: Warning[] = server_errors.map((failure) => ({
      kind: 'error',
      icon: 'cloud_off',
      text: `${failure.server}: ${failure.error}`,
      testId: 'plan-server-error',
    }));
    if (!guard.deletions_allowed && guard.reason) {
      warnings.push({ kind: 'warning', icon: 'block', text: guard.reason, testId: 'plan-guard-refused' });
    }
    if (guard.needs_approval) {
      warnings.push({
        kind: 'warning',
        icon: 'front_hand',
        text:
          `${deletions.length} deletions exceed the cap of ${guard.cap}: the run will stop before ` +
          'deleting and wait for your approval.',
        testId: 'plan-guard-cap',
      });
    } else if (deletions.length > 0 && guard.deletions_allowed) {
      warnings.push({
        kind: 'info',
        icon: 'delete',
        text: `${deletions.length} Seerr ${deletions.length === 1 ? 'user' : 'users'} will be deleted.`,
        testId: 'plan-guard-deletes',
      });
    }
    const weak = creates.filter((create) => create.weak_password).length;
    if (weak > 0) {
      warnings.push({
        kind: 'warning',
        icon: 'password',
        text:
          `${weak} new ${weak === 1 ? 'user gets a password' : 'users get passwords'} shorter than ` +
          "8 characters, Seerr's minimum when a password is changed. Consider a longer password suffix.",
        testId: 'plan-weak-passwords',
      });
    }
    return warnings;
  });
}
