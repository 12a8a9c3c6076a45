import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type AuditEntryDto, type AuditSortField, type SortOrder } from '../../api';
import { OutcomeChipComponent } from '../../common/outcome-chip.component';
import { PAGE_SIZES } from './audit-query';

export interface AuditPageChange {
  readonly page: number;
  readonly pageSize: number;
}

export interface AuditSortChange {
  readonly sort: AuditSortField;
  readonly order: SortOrder;
}

const WIDE_COLUMNS = ['expand', 'time', 'action', 'actor', 'target', 'outcome'];
const COMPACT_COLUMNS = ['expand', 'time', 'action', 'outcome'];

@Component({
  selector: 'sp-audit-table',
  imports: [
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatIconModule,
    MatButtonModule,
    OutcomeChipComponent,
    DateTimePipe,
    JsonPipe,
  ],
  templateUrl: './audit-table.component.html',
  styleUrl: './audit-table.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.compact]': 'compact()' },
})
export class AuditTableComponent {
  readonly entries = input.required<readonly AuditEntryDto[]>();
  readonly total = input(0);
  readonly page = input(1);
  readonly pageSize = input(50);
  readonly sort = input<AuditSortField>('time');
  readonly order = input<SortOrder>('desc');
  readonly compact = input(false);
  readonly pageChange = output<AuditPageChange>();
  readonly sortChange = output<AuditSortChange>();

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly columns = computed(() => (this.compact() ? COMPACT_COLUMNS : WIDE_COLUMNS));
  protected readonly expandedId = signal<AuditEntryDto['id'] | null>(null);

  protected toggle(entry: AuditEntryDto): void {
    this.expandedId.update((id) => (id === entry.id ? null : entry.id));
  }

  protected onSort(sort: Sort): void {
    this.sortChange.emit({
      sort: sort.active as AuditSortField,
      order: sort.direction === 'asc' ? 'asc' : 'desc',
    });
  }

  protected onPage(event: PageEvent): void {
    this.pageChange.emit({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected hasDetail(entry: AuditEntryDto): boolean {
    return entry.detail !== null && typeof entry.detail === 'object' && Object.keys(entry.detail).length > 0;
  }
}
