import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type SyncRunDto } from '../../api';
import { type ChipLook, StatusChipComponent } from '../../common/status-chip.component';
import { SyncCountsComponent } from './sync-counts.component';
import { RUN_STATUS, TRIGGER_LABEL, runDuration } from './sync-labels';

export interface HistoryPage {
  readonly page: number;
  readonly pageSize: number;
}

export const HISTORY_PAGE_SIZES = [10, 20, 50] as const;

const WIDE_COLUMNS = ['id', 'started', 'trigger', 'status', 'counts', 'duration'];
const COMPACT_COLUMNS = ['id', 'started', 'status'];

/** The run history, newest first; a row opens the run with every user's outcome. */
@Component({
  selector: 'sp-sync-history',
  imports: [
    MatTableModule,
    MatPaginatorModule,
    RouterLink,
    DateTimePipe,
    StatusChipComponent,
    SyncCountsComponent,
  ],
  templateUrl: './sync-history.component.html',
  styleUrl: './sync-history.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.compact]': 'compact()' },
})
export class SyncHistoryComponent {
  private readonly router = inject(Router);

  readonly runs = input.required<readonly SyncRunDto[]>();
  readonly total = input(0);
  readonly page = input(1);
  readonly pageSize = input(10);
  readonly compact = input(false);
  readonly pageChange = output<HistoryPage>();

  protected readonly pageSizes = HISTORY_PAGE_SIZES;
  protected readonly columns = computed(() => (this.compact() ? COMPACT_COLUMNS : WIDE_COLUMNS));
  protected readonly duration = runDuration;

  protected statusOf(run: SyncRunDto): ChipLook {
    return RUN_STATUS[run.status];
  }

  protected triggerOf(run: SyncRunDto): string {
    return TRIGGER_LABEL[run.trigger];
  }

  protected open(run: SyncRunDto): void {
    void this.router.navigate(['/sync/runs', run.id]);
  }

  protected onPage(event: PageEvent): void {
    this.pageChange.emit({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
