import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { map } from 'rxjs';

import { HealthClient } from '../../core/api/health-client.service';
import { remoteState } from '../../core/util/remote-state';
import { AuditClient } from '../audit/audit-client.service';
import { MediaServersClient } from '../media-servers/media-servers-client.service';
import { SeerrClient } from '../seerr/seerr-client.service';
import { SyncClient } from '../sync/sync-client.service';
import { ActivityCardComponent } from './activity-card.component';
import { DiskCardComponent } from './disk-card.component';
import { MediaServersSectionComponent } from './media-servers-section.component';
import { SeerrCardComponent } from './seerr-card.component';
import { ServicesCardComponent } from './services-card.component';
import { SyncCardComponent } from './sync-card.component';

const LATEST_COUNT = 10;

@Component({
  selector: 'sp-dashboard-page',
  host: { class: 'sp-page' },
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    ActivityCardComponent,
    SeerrCardComponent,
    SyncCardComponent,
    DiskCardComponent,
    ServicesCardComponent,
    MediaServersSectionComponent,
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
      <sp-seerr-card [seerr]="seerr.state()" (retry)="seerr.reload()" />
      <sp-sync-card [status]="sync.state()" (retry)="sync.reload()" />
      <sp-media-servers-section class="wide" [servers]="servers.state()" (retry)="servers.reload()" />
      <sp-disk-card [disks]="disks.state()" (retry)="disks.reload()" />
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

  /** The dots and readiness come from the same probes on the server, so they agree. */
  protected readonly services = remoteState(() => this.healthApi.services(), { whileReloading: 'shown' });
  protected readonly readiness = remoteState(() => this.healthApi.readiness(), { whileReloading: 'shown' });
  protected readonly disks = remoteState(() => this.healthApi.disks());
  protected readonly activity = remoteState(() =>
    this.auditApi.latest(LATEST_COUNT).pipe(map((page) => page.items)),
  );

  // Each card loads on its own: a slow or failing upstream only affects its own card.
  protected readonly seerr = remoteState(() => this.seerrApi.overview());
  protected readonly sync = remoteState(() => this.syncApi.status());
  /** The first load may use the server's cached user lists; a refresh or retry reads the servers again. */
  private serverLoads = 0;
  protected readonly servers = remoteState(() => this.serversApi.list(this.serverLoads++ > 0));

  protected refreshAll(): void {
    for (const card of [
      this.services,
      this.readiness,
      this.seerr,
      this.sync,
      this.servers,
      this.disks,
      this.activity,
    ]) {
      card.reload();
    }
  }
}
