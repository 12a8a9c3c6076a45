import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { type SyncCountsDto } from '../../api';

/** A run's counts as one compact line; zero counts other than "created" are left out. */
@Component({
  selector: 'sp-sync-counts',
  imports: [DecimalPipe],
  template: `
    <ul aria-label="Run counts">
      @for (item of items(); track item.key) {
        <li [class.bad]="item.key === 'failed'" [attr.data-count]="item.key">
          <span class="value sp-tabular">{{ item.value | number }}</span> {{ item.label }}
        </li>
      }
    </ul>
  `,
  styles: `
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 14px;
      margin: 0;
      padding: 0;
      list-style: none;
      color: var(--mat-sys-on-surface-variant);
    }
    .value {
      color: var(--mat-sys-on-surface);
      font-weight: 500;
    }
    .bad,
    .bad .value {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncCountsComponent {
  readonly counts = input.required<SyncCountsDto>();

  protected readonly items = computed(() => {
    const c = this.counts();
    const all = [
      { key: 'created', label: 'created', value: c.created },
      { key: 'updated', label: 'updated', value: c.updated },
      { key: 'deleted', label: 'deleted', value: c.deleted },
      { key: 'pending', label: 'awaiting approval', value: c.pending_deletions },
      { key: 'failed', label: 'failed', value: c.failed },
      { key: 'skipped', label: 'skipped', value: c.skipped },
      { key: 'unchanged', label: 'unchanged', value: c.unchanged },
    ];
    return all.filter((item) => item.key === 'created' || item.value > 0);
  });
}
