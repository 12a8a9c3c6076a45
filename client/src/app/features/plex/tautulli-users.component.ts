import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';

import { DateTimePipe, DurationPipe } from '../../common/format/format.pipes';

import { type TautulliUserDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';

type UserSort = 'user' | 'plays' | 'duration' | 'last_seen';

const PAGE_SIZE = 10;

const SORT_KEYS: Readonly<Record<UserSort, (user: TautulliUserDto) => string | number>> = {
  user: (u) => u.friendly_name.toLowerCase(),
  plays: (u) => u.plays,
  duration: (u) => u.duration_seconds,
  last_seen: (u) => (u.last_seen ? Date.parse(u.last_seen) : 0),
};

/** Tautulli's users with their plays, time watched and last visit; sorted and paged in the browser. */
@Component({
  selector: 'sp-tautulli-users',
  imports: [
    DateTimePipe,
    DecimalPipe,
    DurationPipe,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatSortModule,
    MatTableModule,
    StateMessageComponent,
    RemoteContentComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="tautulli-users" [attr.data-state]="users().state">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">group</mat-icon>
        <mat-card-title><h2>Users</h2></mat-card-title>
        <mat-card-subtitle>Plays and last visit, from Tautulli</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content
          [remote]="users()"
          loadingLabel="Loading users"
          errorTestId="tautulli-users-error"
          (retry)="retry.emit()"
        >
          @if (sorted().length > 0) {
            <div class="scroll">
              <table
                mat-table
                [dataSource]="shown()"
                matSort
                matSortDisableClear
                [matSortActive]="sort().active"
                [matSortDirection]="sort().direction"
                (matSortChange)="onSort($event)"
                aria-label="Tautulli users"
              >
                <ng-container matColumnDef="user">
                  <th mat-header-cell *matHeaderCellDef mat-sort-header sortActionDescription="Sort by user">
                    User
                  </th>
                  <td mat-cell *matCellDef="let u" class="user">
                    <span class="name">{{ u.friendly_name }}</span>
                    @if (u.is_admin) {
                      <span class="admin">Owner</span>
                    }
                  </td>
                </ng-container>
                <ng-container matColumnDef="plays">
                  <th
                    mat-header-cell
                    *matHeaderCellDef
                    mat-sort-header
                    arrowPosition="before"
                    sortActionDescription="Sort by plays"
                  >
                    Plays
                  </th>
                  <td mat-cell *matCellDef="let u" class="num sp-tabular" data-testid="tautulli-user-plays">
                    {{ u.plays | number }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="duration">
                  <th
                    mat-header-cell
                    *matHeaderCellDef
                    mat-sort-header
                    arrowPosition="before"
                    sortActionDescription="Sort by time watched"
                  >
                    Watched
                  </th>
                  <td mat-cell *matCellDef="let u" class="num sp-tabular">
                    {{ u.duration_seconds | duration }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="last_seen">
                  <th
                    mat-header-cell
                    *matHeaderCellDef
                    mat-sort-header
                    sortActionDescription="Sort by last seen"
                  >
                    Last seen
                  </th>
                  <td mat-cell *matCellDef="let u" class="sp-tabular when">
                    @if (u.last_seen) {
                      <time [attr.datetime]="u.last_seen">{{
                        u.last_seen | datetime: (compact() ? 'day' : 'date-time')
                      }}</time>
                    } @else {
                      Never
                    }
                  </td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="columns()"></tr>
                <tr
                  mat-row
                  *matRowDef="let u; columns: columns()"
                  data-testid="tautulli-user"
                  [attr.data-user]="u.username"
                ></tr>
              </table>
            </div>
            <mat-paginator
              [length]="sorted().length"
              [pageIndex]="pageIndex()"
              [pageSize]="pageSize"
              [hidePageSize]="true"
              aria-label="User pages"
              (page)="onPage($event)"
            />
          } @else {
            <sp-state-message
              icon="group_off"
              message="Tautulli has seen no users yet."
              [retryable]="false"
            />
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss', './plex-table.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TautulliUsersComponent {
  readonly users = input.required<Remote<TautulliUserDto[]>>();
  readonly compact = input(false);
  readonly retry = output<void>();

  protected readonly pageSize = PAGE_SIZE;
  protected readonly sort = signal<{ active: UserSort; direction: 'asc' | 'desc' }>({
    active: 'plays',
    direction: 'desc',
  });
  protected readonly pageIndex = signal(0);
  protected readonly columns = computed(() =>
    this.compact() ? ['user', 'plays', 'last_seen'] : ['user', 'plays', 'duration', 'last_seen'],
  );

  protected readonly sorted = computed(() => {
    const users = remoteValue(this.users());
    if (users === null) {
      return [];
    }
    const { active, direction } = this.sort();
    const key = SORT_KEYS[active];
    const sign = direction === 'asc' ? 1 : -1;
    return [...users].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return (x < y ? -1 : x > y ? 1 : 0) * sign;
    });
  });
  protected readonly shown = computed(() =>
    this.sorted().slice(this.pageIndex() * PAGE_SIZE, (this.pageIndex() + 1) * PAGE_SIZE),
  );

  protected onSort(sort: Sort): void {
    this.sort.set({ active: sort.active as UserSort, direction: sort.direction === 'asc' ? 'asc' : 'desc' });
    this.pageIndex.set(0);
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }
}
