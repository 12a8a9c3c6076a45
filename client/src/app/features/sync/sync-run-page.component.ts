import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';

import { type SyncAction, type SyncUserOutcome } from '../../api';
import { SYNC_ACTION } from '../../api/models/sync-action-array';
import { SYNC_USER_OUTCOME } from '../../api/models/sync-user-outcome-array';
import { mediaQuery } from '../../core/util/media-query';
import { remoteState } from '../../core/util/remote-state';
import { StateMessageComponent } from '../../common/state-message.component';
import { StatusChipComponent } from '../../common/status-chip.component';
import { SyncClient } from './sync-client.service';
import { SyncCountsComponent } from './sync-counts.component';
import { RUN_STATUS, TRIGGER_LABEL, runDuration } from './sync-labels';
import { type RunUserFilters, SyncRunUsersComponent } from './sync-run-users.component';

/** One run: its summary, server errors, and the outcome for every user (filters in the URL). */
@Component({
  selector: 'sp-sync-run-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    DatePipe,
    StateMessageComponent,
    StatusChipComponent,
    SyncCountsComponent,
    SyncRunUsersComponent,
  ],
  templateUrl: './sync-run-page.component.html',
  styleUrl: './sync-run-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncRunPageComponent {
  private readonly sync = inject(SyncClient);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly compact = mediaQuery('(max-width: 719.98px)');
  private readonly fetched = remoteState(this.id, (id) => this.sync.run(Number(id)));
  protected readonly run = this.fetched.state;
  protected readonly value = this.fetched.value;
  protected readonly error = this.fetched.error;
  protected readonly look = computed(() => {
    const run = this.value();
    return run ? RUN_STATUS[run.status] : null;
  });
  protected readonly trigger = TRIGGER_LABEL;
  protected readonly duration = computed(() => {
    const run = this.value();
    return run ? runDuration(run) : null;
  });
  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersFromParams)), {
    requireSync: true,
  });

  protected reload(): void {
    this.fetched.reload();
  }

  protected onFilters(filters: RunUserFilters): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        q: filters.q || null,
        outcome: filters.outcome || null,
        action: filters.action || null,
      },
      replaceUrl: true,
    });
  }
}

function filtersFromParams(params: { get(name: string): string | null }): RunUserFilters {
  const outcome = params.get('outcome') ?? '';
  const action = params.get('action') ?? '';
  return {
    q: params.get('q') ?? '',
    outcome: (SYNC_USER_OUTCOME as string[]).includes(outcome) ? (outcome as SyncUserOutcome) : '',
    action: (SYNC_ACTION as string[]).includes(action) ? (action as SyncAction) : '',
  };
}
