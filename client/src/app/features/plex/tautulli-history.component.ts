import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';

import { DateTimePipe, DurationPipe } from '../../common/format/format.pipes';

import { type TautulliHistoryItemDto, type TautulliHistoryPageDto } from '../../api';
import { type Remote, remoteError, remoteValue } from '../../core/util/remote';
import { StateMessageComponent } from '../../common/state-message.component';
import { StatusChipComponent } from '../../common/status-chip.component';
import { DECISION_LOOKS } from './plex-format';

export interface HistoryPageChange {
  readonly page: number;
  readonly pageSize: number;
}

export const HISTORY_PAGE_SIZES = [10, 25, 50] as const;

/** The latest plays as Tautulli recorded them, newest first, paged by the server. */
@Component({
  selector: 'sp-tautulli-history',
  imports: [
    DateTimePipe,
    DecimalPipe,
    DurationPipe,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    StateMessageComponent,
    StatusChipComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="tautulli-history" [attr.data-state]="history().state">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">history</mat-icon>
        <mat-card-title><h2>Recent plays</h2></mat-card-title>
        <mat-card-subtitle>
          @if (value(); as v) {
            {{ v.total | number }} plays · {{ v.total_duration }} watched
          } @else {
            Playback history, from Tautulli
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <ng-content />
        <div class="progress">
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" aria-label="Loading history" />
          }
        </div>
        @if (errorMessage(); as message) {
          <div data-testid="tautulli-history-error">
            <sp-state-message kind="error" icon="cloud_off" [message]="message" (retry)="retry.emit()" />
          </div>
        } @else if (value(); as v) {
          @if (v.items.length > 0) {
            <div class="scroll">
              <table mat-table [dataSource]="v.items" aria-label="Recent plays">
                <ng-container matColumnDef="started">
                  <th mat-header-cell *matHeaderCellDef>When</th>
                  <td mat-cell *matCellDef="let h" class="when sp-tabular">
                    @if (h.started) {
                      <time [attr.datetime]="h.started">{{
                        h.started | datetime: (compact() ? 'day' : 'day-time')
                      }}</time>
                    } @else {
                      —
                    }
                  </td>
                </ng-container>
                <ng-container matColumnDef="user">
                  <th mat-header-cell *matHeaderCellDef>User</th>
                  <td mat-cell *matCellDef="let h" class="name">{{ h.friendly_name }}</td>
                </ng-container>
                <ng-container matColumnDef="title">
                  <th mat-header-cell *matHeaderCellDef>Title</th>
                  <td mat-cell *matCellDef="let h" class="title">
                    <span class="name">{{ h.title }}</span>
                    @if (compact()) {
                      <div class="muted">{{ h.friendly_name }} · {{ h.player }}</div>
                    }
                  </td>
                </ng-container>
                <ng-container matColumnDef="player">
                  <th mat-header-cell *matHeaderCellDef>Player</th>
                  <td mat-cell *matCellDef="let h">
                    {{ h.player }}
                    <div class="muted">{{ h.platform }}</div>
                  </td>
                </ng-container>
                <ng-container matColumnDef="decision">
                  <th mat-header-cell *matHeaderCellDef>Stream</th>
                  <td mat-cell *matCellDef="let h">
                    <sp-status-chip [label]="look(h).label" [tone]="look(h).tone" [icon]="look(h).icon" />
                  </td>
                </ng-container>
                <ng-container matColumnDef="played">
                  <th mat-header-cell *matHeaderCellDef>Played</th>
                  <td mat-cell *matCellDef="let h" class="num sp-tabular">
                    {{ h.duration_seconds | duration }}
                    <div class="muted">{{ h.percent_complete }} %</div>
                  </td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="columns()"></tr>
                <tr
                  mat-row
                  *matRowDef="let h; columns: columns()"
                  data-testid="tautulli-history-row"
                  [attr.data-media-type]="h.media_type"
                  [attr.data-user-id]="h.user_id"
                ></tr>
              </table>
            </div>
            <mat-paginator
              [length]="v.total"
              [pageIndex]="page() - 1"
              [pageSize]="pageSize()"
              [pageSizeOptions]="pageSizes"
              [hidePageSize]="compact()"
              aria-label="History pages"
              (page)="onPage($event)"
            />
          } @else {
            <sp-state-message
              data-testid="tautulli-history-empty"
              icon="history"
              [message]="filtered() ? 'No plays match these filters.' : 'Nothing has been played yet.'"
              [retryable]="false"
            />
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss', './plex-table.scss'],
  styles: `
    .progress {
      height: 4px;
      margin-inline: -16px;
    }
    .progress mat-progress-bar {
      margin: 0;
    }
    .title {
      min-width: 160px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TautulliHistoryComponent {
  readonly history = input.required<Remote<TautulliHistoryPageDto>>();
  /** 1-based. */
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  /** A newer page is on its way; the current rows stay until it comes. */
  readonly loading = input(false);
  readonly compact = input(false);
  /** Filters are set: an empty page means nothing matches, not nothing played. */
  readonly filtered = input(false);
  readonly pageChange = output<HistoryPageChange>();
  readonly retry = output<void>();

  protected readonly pageSizes = HISTORY_PAGE_SIZES;
  protected readonly columns = computed(() =>
    this.compact()
      ? ['started', 'title', 'played']
      : ['started', 'user', 'title', 'player', 'decision', 'played'],
  );
  protected readonly value = computed(() => remoteValue(this.history()));
  protected readonly errorMessage = computed(() => remoteError(this.history()));

  protected look(item: TautulliHistoryItemDto): (typeof DECISION_LOOKS)[keyof typeof DECISION_LOOKS] {
    return DECISION_LOOKS[item.decision];
  }

  protected onPage(event: PageEvent): void {
    this.pageChange.emit({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
