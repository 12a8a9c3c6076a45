import { DecimalPipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type DetailedUserDto, type SortOrder } from '../../api';
import { limitView, signInText } from './users-format';
import { PAGE_SIZES, type UserSortField } from './users-query';

export interface UsersPageChange {
  readonly page: number;
  readonly pageSize: number;
}

export interface UsersSortChange {
  readonly sort: UserSortField;
  readonly order: SortOrder;
}

export interface UserToggle {
  readonly user: DetailedUserDto;
  readonly on: boolean;
}

const COLUMNS = [
  'username',
  'sources',
  'status',
  'sign_in',
  'seerr_id',
  'request_count',
  'request_limit',
  'flags',
  'actions',
];

/** One page of people: a sortable table on wide screens, a card per person on phones. */
@Component({
  selector: 'sp-users-table',
  imports: [
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatMenuModule,
    MatButtonModule,
    MatIconModule,
    MatDividerModule,
    MatTooltipModule,
    DecimalPipe,
    NgTemplateOutlet,
  ],
  templateUrl: './users-table.component.html',
  styleUrl: './users-table.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.compact]': 'compact()' },
})
export class UsersTableComponent {
  readonly users = input.required<readonly DetailedUserDto[]>();
  readonly total = input(0);
  readonly page = input(1);
  readonly pageSize = input(50);
  readonly sort = input<UserSortField>('username');
  readonly order = input<SortOrder>('asc');
  readonly compact = input(false);
  /** People whose settings are being saved. */
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly pageChange = output<UsersPageChange>();
  readonly sortChange = output<UsersSortChange>();
  readonly block = output<UserToggle>();
  readonly immune = output<UserToggle>();
  /** A user added by hand that syncs may now remove like anyone on no media server. */
  readonly removable = output<DetailedUserDto>();
  readonly password = output<DetailedUserDto>();
  /** Show how the person signs in to Seerr. */
  readonly credentials = output<DetailedUserDto>();

  protected readonly columns = COLUMNS;
  protected readonly signInText = signInText;
  protected readonly limitView = limitView;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly pageIndex = computed(() => this.page() - 1);
  protected readonly trackByName = (_: number, user: DetailedUserDto): string => user.username;

  protected onSort(sort: Sort): void {
    this.sortChange.emit({
      sort: sort.active as UserSortField,
      order: sort.direction === 'desc' ? 'desc' : 'asc',
    });
  }

  protected onPage(event: PageEvent): void {
    this.pageChange.emit({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
