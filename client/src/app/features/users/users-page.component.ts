import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  linkedSignal,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router } from '@angular/router';
import { filter, finalize, interval, map } from 'rxjs';

import { type CreatedUserDto, type DetailedUserDto } from '../../api';
import { mediaQuery } from '../../core/util/media-query';
import { remoteState } from '../../core/util/remote-state';
import { StateMessageComponent } from '../../common/state-message.component';
import { AddUserDialogComponent } from './add-user-dialog.component';
import { SetPasswordDialogComponent, type SetPasswordDialogData } from './set-password-dialog.component';
import { UserCredentialsDialogComponent } from './user-credentials-dialog.component';
import { UsersClient } from './users-client.service';
import { formatAge } from '../../common/format/durations';
import { UsersFiltersComponent } from './users-filters.component';
import { UsersOutagesComponent } from './users-outages.component';
import {
  type UserFilters,
  type UsersQuery,
  applyQuery,
  hasFilters,
  queryFromParams,
  queryToParams,
} from './users-query';
import {
  type UserToggle,
  type UsersPageChange,
  type UsersSortChange,
  UsersTableComponent,
} from './users-table.component';

const DIALOG_SIZE = { maxWidth: 'calc(100vw - 24px)', maxHeight: 'calc(100dvh - 24px)' };

@Component({
  selector: 'sp-users-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    DecimalPipe,
    StateMessageComponent,
    UsersFiltersComponent,
    UsersOutagesComponent,
    UsersTableComponent,
  ],
  templateUrl: './users-page.component.html',
  styleUrl: './users-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly client = inject(UsersClient);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  /** The URL holds filters, sorting and paging, so views can be bookmarked and shared. */
  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(queryFromParams)), {
    requireSync: true,
  });
  protected readonly filtered = computed(() => hasFilters(this.query()));
  protected readonly compact = mediaQuery('(max-width: 959.98px)');

  // A refresh keeps the table on screen; a failed refresh keeps it too (the snackbar says why).
  /** The Refresh button reads the lists anew; other loads may answer from the server's cache. */
  private refreshNext = false;
  private readonly users = remoteState(() => this.client.detailed(this.takeRefresh()), {
    whileReloading: 'value',
    keepValueOnFailure: true,
  });
  protected readonly refreshing = this.users.fetching;
  protected readonly result = this.users.state;
  /** Settings saved since the last load, shown at once. */
  private readonly patched = linkedSignal<unknown, ReadonlyMap<string, Partial<DetailedUserDto>>>({
    source: this.result,
    computation: () => new Map(),
  });
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly notice = signal<string | null>(null);

  protected readonly data = this.users.value;
  protected readonly loadError = this.users.error;
  protected readonly people = computed(() => {
    const users = this.data()?.users ?? [];
    const patched = this.patched();
    return patched.size === 0 ? users : users.map((u) => ({ ...u, ...patched.get(u.username) }));
  });
  protected readonly servers = computed(() => [...new Set(this.people().flatMap((u) => u.sources))].sort());
  protected readonly matching = computed(() => applyQuery(this.people(), this.query()));
  /** A page past the end (after filtering) shows the last page instead. */
  protected readonly page = computed(() => {
    const { page, pageSize } = this.query();
    return Math.min(page, Math.max(1, Math.ceil(this.matching().length / pageSize)));
  });
  protected readonly rows = computed(() => {
    const size = this.query().pageSize;
    const start = (this.page() - 1) * size;
    return this.matching().slice(start, start + size);
  });
  protected readonly counts = computed(() => {
    const people = this.people();
    return { total: people.length, synced: people.filter((u) => u.synced).length };
  });

  /** How old the lists are ("4 min ago"), re-worded every minute. */
  protected readonly now = toSignal(interval(60_000).pipe(map(() => Date.now())), {
    initialValue: Date.now(),
  });
  protected readonly age = computed(() => {
    const readAt = this.data()?.read_at;
    return readAt ? formatAge(readAt, Math.max(this.now(), Date.now())) : null;
  });

  protected reload(): void {
    this.users.reload();
  }

  /** The Refresh button: the server reads every media server and Seerr again. */
  protected refresh(): void {
    this.refreshNext = true;
    this.users.reload();
  }

  protected showCredentials(user: DetailedUserDto): void {
    this.dialog.open(UserCredentialsDialogComponent, { ...DIALOG_SIZE, width: '480px', data: user });
  }

  private takeRefresh(): boolean {
    const refresh = this.refreshNext;
    this.refreshNext = false;
    return refresh;
  }

  protected onFilters(filters: UserFilters): void {
    this.navigate({ ...filters, page: 1 });
  }

  protected onSort(change: UsersSortChange): void {
    this.navigate({ ...change, page: 1 });
  }

  protected onPage(change: UsersPageChange): void {
    this.navigate(change);
  }

  protected setBlocked({ user, on }: UserToggle): void {
    this.saveSettings(
      user,
      { blocked: on },
      on ? `${user.username} is blocked.` : `${user.username} is unblocked.`,
    );
  }

  protected setImmune({ user, on }: UserToggle): void {
    this.saveSettings(
      user,
      { immune: on },
      on ? `${user.username} is immune.` : `${user.username} is no longer immune.`,
    );
  }

  protected markRemovable(user: DetailedUserDto): void {
    this.saveSettings(
      user,
      { added_by_hand: false },
      `A sync with removal on may now remove ${user.username} while on no media server.`,
    );
  }

  protected setPassword(user: DetailedUserDto): void {
    this.dialog
      .open<SetPasswordDialogComponent, SetPasswordDialogData, boolean>(SetPasswordDialogComponent, {
        ...DIALOG_SIZE,
        width: '440px',
        data: { username: user.username },
      })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(
        (changed) => changed && this.notice.set(`The Seerr password of ${user.username} is changed.`),
      );
  }

  protected addUser(): void {
    this.dialog
      .open<AddUserDialogComponent, undefined, CreatedUserDto>(AddUserDialogComponent, {
        ...DIALOG_SIZE,
        width: '720px',
      })
      .afterClosed()
      .pipe(
        filter((created) => created !== undefined),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((created) => {
        this.notice.set(created.message);
        this.reload();
      });
  }

  private saveSettings(
    user: DetailedUserDto,
    change: { blocked?: boolean; immune?: boolean; added_by_hand?: boolean },
    done: string,
  ): void {
    const name = user.username;
    this.busy.update((busy) => new Set(busy).add(name));
    this.client
      .updateSettings(name, change)
      .pipe(
        finalize(() =>
          this.busy.update((busy) => {
            const next = new Set(busy);
            next.delete(name);
            return next;
          }),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (saved) => {
          // The server answers with the person's row as it is now (status and reason included).
          this.patched.update((patched) =>
            new Map(patched).set(name, {
              ...patched.get(name),
              ...(saved.user ?? {}),
              blocked: saved.blocked,
              immune: saved.immune,
              added_by_hand: saved.added_by_hand,
            }),
          );
          this.notice.set(done);
        },
        // The error interceptor reports a failure.
        error: () => undefined,
      });
  }

  private navigate(patch: Partial<UsersQuery>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryToParams({ ...this.query(), ...patch }),
      replaceUrl: true,
    });
  }
}
