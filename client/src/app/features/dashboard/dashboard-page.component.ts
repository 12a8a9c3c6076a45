import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { interval, map } from 'rxjs';

import { HealthClient } from '../../core/api/health-client.service';
import { type RemoteState, remoteState } from '../../core/util/remote-state';
import { AuditClient } from '../audit/audit-client.service';
import { MediaServersClient } from '../media-servers/media-servers-client.service';
import { SeerrClient } from '../seerr/seerr-client.service';
import { SyncClient } from '../sync/sync-client.service';
import { type RateSample } from '../torrents/torrent-bandwidth-card.component';
import { ActivityCardComponent } from './activity-card.component';
import { ContainersCardComponent } from './containers-card.component';
import { DashboardClient } from './dashboard-client.service';
import { DiskCardComponent } from './disk-card.component';
import { MediaServersSectionComponent } from './media-servers-section.component';
import { NowPlayingCardComponent } from './now-playing-card.component';
import { SeerrCardComponent } from './seerr-card.component';
import { ServicesCardComponent } from './services-card.component';
import { SyncCardComponent } from './sync-card.component';
import { SyncNowFlow } from './sync-now.flow';
import { TorrentsCardComponent } from './torrents-card.component';

const LATEST_COUNT = 10;
/** How often the live cards read again, ms: the torrent speeds (and their chart), sessions, the rest. */
const TORRENTS_EVERY = 5_000;
const PLAYING_EVERY = 10_000;
const STACK_EVERY = 30_000;
/** The speed chart's window: five minutes. */
const HISTORY_MS = 5 * 60_000;

/** A reload that keeps what is shown until the answer comes, every `ms` while the page is open. */
function every(ms: number, ...states: RemoteState<unknown>[]): void {
  interval(ms)
    .pipe(takeUntilDestroyed())
    .subscribe(() => {
      for (const state of states) {
        state.reload();
      }
    });
}

/** The stack at a glance: upstream health, what plays, torrent speeds, containers, disks, sync, Seerr. */
@Component({
  selector: 'sp-dashboard-page',
  host: { class: 'sp-page' },
  providers: [SyncNowFlow],
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    ActivityCardComponent,
    ContainersCardComponent,
    DiskCardComponent,
    MediaServersSectionComponent,
    NowPlayingCardComponent,
    SeerrCardComponent,
    ServicesCardComponent,
    SyncCardComponent,
    TorrentsCardComponent,
  ],
  template: `
    <header class="page-header">
      <h1>Dashboard</h1>
      <button
        mat-icon-button
        type="button"
        aria-label="Refresh dashboard"
        matTooltip="Refresh"
        data-testid="dashboard-refresh"
        (click)="refreshAll()"
      >
        <mat-icon>refresh</mat-icon>
      </button>
    </header>
    <div class="grid">
      <sp-services-card
        class="wide"
        [services]="services.state()"
        [readiness]="readiness.state()"
        (retry)="services.reload(); readiness.reload()"
      />
      <sp-now-playing-card [sessions]="playing.state()" (retry)="playing.reload()" />
      <sp-torrents-card [stats]="torrents.state()" [samples]="history()" (retry)="torrents.reload()" />
      <sp-sync-card
        [status]="sync.state()"
        [plan]="syncNow.shown()"
        [progress]="syncNow.progress()"
        (retry)="sync.reload()"
        (syncNow)="previewSync()"
        (apply)="syncNow.apply()"
        (cancel)="syncNow.cancel()"
      />
      <sp-seerr-card [seerr]="seerr.state()" (retry)="seerr.reload()" />
      <sp-containers-card [containers]="containers.state()" (retry)="containers.reload()" />
      <sp-disk-card [disks]="disks.state()" (retry)="disks.reload()" />
      <sp-media-servers-section class="wide" [servers]="servers.state()" (retry)="servers.reload()" />
      <sp-activity-card class="wide" [activity]="activity.state()" (retry)="activity.reload()" />
    </div>
  `,
  styles: `
    .page-header {
      align-items: center;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 16px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    @media (max-width: 719.98px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPageComponent {
  private readonly healthApi = inject(HealthClient);
  private readonly auditApi = inject(AuditClient);
  private readonly seerrApi = inject(SeerrClient);
  private readonly syncApi = inject(SyncClient);
  private readonly serversApi = inject(MediaServersClient);
  private readonly dashboardApi = inject(DashboardClient);
  protected readonly syncNow = inject(SyncNowFlow);

  // Each card loads on its own: a slow or failing upstream only affects its own card.
  /** The dots and readiness come from the same probes on the server, so they agree. */
  protected readonly services = remoteState(() => this.healthApi.services(), { whileReloading: 'shown' });
  protected readonly readiness = remoteState(() => this.healthApi.readiness(), { whileReloading: 'shown' });
  protected readonly playing = remoteState(() => this.dashboardApi.nowPlaying(), { whileReloading: 'shown' });
  protected readonly torrents = remoteState(() => this.dashboardApi.torrents(), { whileReloading: 'shown' });
  protected readonly containers = remoteState(() => this.dashboardApi.containersDown(), {
    whileReloading: 'shown',
  });
  protected readonly disks = remoteState(() => this.healthApi.disks(), { whileReloading: 'shown' });
  protected readonly seerr = remoteState(() => this.seerrApi.overview());
  protected readonly sync = remoteState(() => this.syncApi.status(), { whileReloading: 'shown' });
  protected readonly activity = remoteState(() =>
    this.auditApi.latest(LATEST_COUNT).pipe(map((page) => page.items)),
  );
  /** The first load may use the server's cached user lists; a refresh or retry reads the servers again. */
  private serverLoads = 0;
  protected readonly servers = remoteState(() => this.serversApi.list(this.serverLoads++ > 0));

  /** Total speeds sampled at each torrents read, for the chart. */
  protected readonly history = signal<readonly RateSample[]>([]);

  constructor() {
    this.syncNow.finished.pipe(takeUntilDestroyed()).subscribe(() => {
      this.sync.reload();
      this.activity.reload();
      this.seerr.reload();
    });
    every(TORRENTS_EVERY, this.torrents);
    every(PLAYING_EVERY, this.playing);
    every(STACK_EVERY, this.services, this.readiness, this.containers, this.sync, this.disks);
    effect(() => {
      const stats = this.torrents.value();
      if (!stats) {
        return;
      }
      const now = Date.now();
      this.history.update((samples) => [
        ...samples.filter((sample) => sample.at >= now - HISTORY_MS),
        { at: now, down: stats.down_rate, up: stats.up_rate },
      ]);
    });
  }

  /** Previews with the saved "remove missing" setting, as the Sync page starts (off when Seerr is unread). */
  protected previewSync(): void {
    this.syncNow.preview(this.seerr.value()?.config.remove_missing ?? false);
  }

  protected refreshAll(): void {
    for (const card of [
      this.services,
      this.readiness,
      this.playing,
      this.torrents,
      this.containers,
      this.disks,
      this.seerr,
      this.sync,
      this.servers,
      this.activity,
    ]) {
      card.reload();
    }
  }
}
