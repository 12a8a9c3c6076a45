import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';

import { type UserRequestsGroupDto } from '../../api';
import { remoteState } from '../../core/util/remote-state';
import { StateMessageComponent } from '../../common/state-message.component';
import {
  type RequestFilters,
  STATUS_LOOK,
  type ShownStatus,
  filtersFromParams,
  filtersToParams,
  hasFilters,
  shownStatus,
} from './request-status';
import { RequestsClient } from './requests-client.service';
import { RequestsFiltersComponent, type UserOption } from './requests-filters.component';
import { type RequestGroup, RequestsGroupsComponent } from './requests-groups.component';

@Component({
  selector: 'sp-requests-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    DecimalPipe,
    StateMessageComponent,
    RequestsFiltersComponent,
    RequestsGroupsComponent,
  ],
  templateUrl: './requests-page.component.html',
  styleUrl: './requests-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestsPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly client = inject(RequestsClient);

  private readonly requests = remoteState(() => this.client.list());
  protected readonly data = this.requests.state;
  protected readonly value = this.requests.value;
  protected readonly error = this.requests.error;

  /** Search, status and user live in the URL, so a filtered view can be bookmarked. */
  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersFromParams)), {
    requireSync: true,
  });
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  /** Expand or collapse every group; until chosen, groups open while a filter narrows them. */
  private readonly expandChoice = signal<boolean | null>(null);
  protected readonly expanded = computed(() => this.expandChoice() ?? this.filtered());

  protected readonly users = computed((): UserOption[] =>
    (this.value()?.users ?? [])
      .map((group) => ({ id: String(group.user_id), name: group.display_name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
  protected readonly groups = computed((): RequestGroup[] => {
    const { q, status, user } = this.filters();
    const needle = q.trim().toLowerCase();
    const groups: RequestGroup[] = [];
    for (const group of this.value()?.users ?? []) {
      if (user !== '' && String(group.user_id) !== user) {
        continue;
      }
      const requests = group.requests
        .filter(
          (request) =>
            (status === '' || shownStatus(request) === status) &&
            (needle === '' || (request.title ?? '').toLowerCase().includes(needle)),
        )
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      if (requests.length > 0) {
        groups.push(toGroup(group, requests));
      }
    }
    return groups;
  });
  protected readonly shownCount = computed(() =>
    this.groups().reduce((sum, group) => sum + group.requests.length, 0),
  );

  protected toggleExpanded(): void {
    this.expandChoice.set(!this.expanded());
  }

  protected reload(): void {
    this.requests.reload();
  }

  protected onFilters(filters: RequestFilters): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(filters),
      replaceUrl: true,
    });
  }
}

function toGroup(group: UserRequestsGroupDto, requests: UserRequestsGroupDto['requests']): RequestGroup {
  const tally = new Map<ShownStatus, number>();
  for (const request of requests) {
    const status = shownStatus(request);
    tally.set(status, (tally.get(status) ?? 0) + 1);
  }
  const parts = [...tally.entries()].map(
    ([status, count]) => `${count} ${STATUS_LOOK[status].label.toLowerCase()}`,
  );
  // Seerr's requestCount (the Users page's figure) counts requests for blocklisted media, its list does not.
  const unlisted = group.request_count - group.requests.length;
  if (unlisted > 0) parts.push(`${unlisted} for blocklisted media, not listed`);
  return { userId: group.user_id, name: group.display_name, requests, summary: parts.join(' · ') };
}
