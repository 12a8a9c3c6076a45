import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { type TautulliStatsDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { DurationPipe } from '../../common/format/format.pipes';
import { formatCount } from '../../common/format/units';
import { RemoteContentComponent } from '../../common/remote-content.component';

/** One row of a top list: what, how often, for how long. */
interface TopRow {
  readonly name: string;
  readonly plays: number;
  readonly seconds: number;
}

interface TopCard {
  readonly id: string;
  readonly title: string;
  readonly icon: string;
  readonly rows: readonly TopRow[];
}

/** Tautulli's home stats of a period as four cards: movies, shows, users and platforms, most first. */
@Component({
  selector: 'sp-tautulli-top-stats',
  imports: [DurationPipe, MatCardModule, MatIconModule, RemoteContentComponent],
  template: `
    <mat-card appearance="outlined" data-testid="tautulli-top-stats" [attr.data-state]="stats().state">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">leaderboard</mat-icon>
        <mat-card-title
          ><h2>Top of the last {{ days() }} days</h2></mat-card-title
        >
        <mat-card-subtitle
          >Most watched, most active users and most used platforms, from Tautulli</mat-card-subtitle
        >
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content
          [remote]="stats()"
          loadingLabel="Loading the top statistics"
          errorTestId="tautulli-top-stats-error"
          (retry)="retry.emit()"
        >
          <div class="cards">
            @for (card of cards(); track card.id) {
              <section class="top" data-testid="tautulli-top-card" [attr.data-stat]="card.id">
                <h3>
                  <mat-icon aria-hidden="true">{{ card.icon }}</mat-icon>{{ card.title }}
                </h3>
                @if (card.rows.length > 0) {
                  <ol>
                    @for (row of card.rows; track $index) {
                      <li data-testid="tautulli-top-row">
                        <span class="name">{{ row.name }}</span>
                        <span class="figure sp-tabular" data-testid="tautulli-top-plays"
                          >{{ count(row.plays) }} {{ row.plays === 1 ? 'play' : 'plays' }}</span
                        >
                        <span class="muted sp-tabular">{{ row.seconds | duration }}</span>
                      </li>
                    }
                  </ol>
                } @else {
                  <p class="muted">Nothing in this period.</p>
                }
              </section>
            }
          </div>
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss'],
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px;
    }
    .top {
      min-width: 0;
      padding: 12px 14px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    h3 {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    h3 mat-icon {
      color: var(--mat-sys-on-surface-variant);
    }
    ol {
      display: grid;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0 8px;
      font: var(--mat-sys-body-medium);
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .figure {
      text-align: end;
    }
    .muted {
      grid-column: 1 / -1;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TautulliTopStatsComponent {
  readonly stats = input.required<Remote<TautulliStatsDto>>();
  readonly days = input(30);
  readonly retry = output<void>();

  protected readonly count = formatCount;

  protected readonly cards = computed((): readonly TopCard[] => {
    const s = remoteValue(this.stats());
    if (!s) return [];
    const media = (list: TautulliStatsDto['most_watched_movies']): TopRow[] =>
      list.map((m) => ({
        name: m.year ? `${m.title} (${m.year})` : m.title,
        plays: m.plays,
        seconds: m.duration_seconds,
      }));
    return [
      { id: 'movies', title: 'Most watched movies', icon: 'movie', rows: media(s.most_watched_movies) },
      { id: 'shows', title: 'Most watched shows', icon: 'tv', rows: media(s.most_watched_shows) },
      {
        id: 'users',
        title: 'Most active users',
        icon: 'group',
        rows: s.most_active_users.map((u) => ({
          name: u.friendly_name,
          plays: u.plays,
          seconds: u.duration_seconds,
        })),
      },
      {
        id: 'platforms',
        title: 'Most used platforms',
        icon: 'devices',
        rows: s.most_active_platforms.map((p) => ({
          name: p.platform,
          plays: p.plays,
          seconds: p.duration_seconds,
        })),
      },
    ];
  });
}
