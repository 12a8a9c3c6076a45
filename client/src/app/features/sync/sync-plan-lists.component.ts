import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';

import { type QuotaDto, type SyncPlanDto } from '../../api';
import { StatusChipComponent } from '../../common/status-chip.component';
import { SKIP_LABEL } from './sync-labels';

const matches = (needle: string, ...values: (string | null)[]): boolean =>
  needle === '' || values.some((value) => value?.toLowerCase().includes(needle));

/** Every planned action with its reason, one expandable section per kind, filtered by user name. */
@Component({
  selector: 'sp-sync-plan-lists',
  imports: [MatExpansionModule, MatFormFieldModule, MatInputModule, MatIconModule, StatusChipComponent],
  templateUrl: './sync-plan-lists.component.html',
  styleUrl: './sync-plan-lists.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncPlanListsComponent {
  readonly plan = input.required<SyncPlanDto>();

  protected readonly skipLabel = SKIP_LABEL;
  protected readonly needle = signal('');
  private readonly filtered = computed(() => {
    const plan = this.plan();
    const needle = this.needle().trim().toLowerCase();
    return {
      creates: plan.creates.filter((c) => matches(needle, c.username, c.email)),
      updates: plan.updates.filter((u) => matches(needle, u.username)),
      deletions: plan.deletions.filter((d) => matches(needle, d.username)),
      skips: plan.skips.filter((s) => matches(needle, s.username, s.reason)),
    };
  });
  protected readonly creates = computed(() => this.filtered().creates);
  protected readonly updates = computed(() => this.filtered().updates);
  protected readonly deletions = computed(() => this.filtered().deletions);
  protected readonly skips = computed(() => this.filtered().skips);

  protected quota(quota: QuotaDto | null): string {
    return quota ? `${quota.limit} per ${quota.days} days` : 'no limit';
  }

  protected search(event: Event): void {
    this.needle.set((event.target as HTMLInputElement).value);
  }
}
