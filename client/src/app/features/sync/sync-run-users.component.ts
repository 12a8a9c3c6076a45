import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';

import { type SyncAction, type SyncRunUserDto, type SyncUserOutcome } from '../../api';
import { SYNC_ACTION } from '../../api/models/sync-action-array';
import { SYNC_USER_OUTCOME } from '../../api/models/sync-user-outcome-array';
import { StateMessageComponent } from '../../common/state-message.component';
import { type ChipLook, StatusChipComponent } from '../../common/status-chip.component';
import { ACTION_LABEL, USER_OUTCOME } from './sync-labels';

export interface RunUserFilters {
  readonly q: string;
  readonly outcome: SyncUserOutcome | '';
  readonly action: SyncAction | '';
}

const PAGE_SIZE = 50;

/** Every user a run touched with the outcome; filtered by outcome, action and name. */
@Component({
  selector: 'sp-sync-run-users',
  imports: [
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    StatusChipComponent,
    StateMessageComponent,
  ],
  templateUrl: './sync-run-users.component.html',
  styleUrl: './sync-run-users.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.compact]': 'compact()' },
})
export class SyncRunUsersComponent {
  readonly users = input.required<readonly SyncRunUserDto[]>();
  readonly filters = input.required<RunUserFilters>();
  readonly compact = input(false);
  readonly filtersChange = output<RunUserFilters>();

  protected readonly outcomes = SYNC_USER_OUTCOME;
  protected readonly actions = SYNC_ACTION;
  protected readonly outcomeLook = USER_OUTCOME;
  protected readonly actionLabel = ACTION_LABEL;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly pageIndex = signal(0);
  protected readonly columns = computed(() =>
    this.compact() ? ['user', 'outcome'] : ['user', 'action', 'outcome', 'message'],
  );

  protected readonly matching = computed(() => {
    const { q, outcome, action } = this.filters();
    const needle = q.trim().toLowerCase();
    return this.users().filter(
      (user) =>
        (outcome === '' || user.outcome === outcome) &&
        (action === '' || user.action === action) &&
        (needle === '' ||
          user.username.toLowerCase().includes(needle) ||
          (user.message ?? '').toLowerCase().includes(needle)),
    );
  });
  protected readonly visible = computed(() => {
    const start = this.pageIndex() * PAGE_SIZE;
    return this.matching().slice(start, start + PAGE_SIZE);
  });

  protected lookOf(user: SyncRunUserDto): ChipLook {
    return USER_OUTCOME[user.outcome];
  }

  protected actionOf(user: SyncRunUserDto): string {
    return ACTION_LABEL[user.action];
  }

  protected change(patch: Partial<RunUserFilters>): void {
    this.pageIndex.set(0);
    this.filtersChange.emit({ ...this.filters(), ...patch });
  }

  protected search(event: Event): void {
    this.change({ q: (event.target as HTMLInputElement).value });
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }
}
