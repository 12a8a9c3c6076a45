import { ChangeDetectionStrategy, Component, type Signal, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { type Observable, map, switchMap } from 'rxjs';

import { HealthClient } from '../../core/api/health-client.service';
import { LOADING, type Remote, toRemote } from '../../core/util/remote';
import { AuditClient } from '../audit/audit-client.service';
import { MediaServersClient } from '../media-servers/media-servers-client.service';
import { SeerrClient } from '../seerr/seerr-client.service';
import { SyncClient } from '../sync/sync-client.service';
import { ActivityCardComponent } from './activity-card.component';
import { HealthCardComponent } from './health-card.component';
import { MediaServersSectionComponent } from './media-servers-section.component';
import { ReadinessCardComponent } from './readiness-card.component';
import { SeerrCardComponent } from './seerr-card.component';
import { SyncCardComponent } from './sync-card.component';

const LATEST_COUNT = 10;

@Component({
  selector: 'sp-dashboard-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    HealthCardComponent,
    ReadinessCardComponent,
    ActivityCardComponent,
    SeerrCardComponent,
    SyncCardComponent,
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
      <sp-seerr-card [seerr]="seerr()" (retry)="seerrReloads.update(next)" />
      <sp-sync-card [status]="sync()" (retry)="syncReloads.update(next)" />
      <sp-media-servers-section class="wide" [servers]="servers()" (retry)="serversReloads.update(next)" />
      <sp-health-card [health]="health()" (retry)="healthReloads.update(next)" />
      <sp-readiness-card [readiness]="readiness()" (retry)="readinessReloads.update(next)" />
      <sp-activity-card class="wide" [activity]="activity()" (retry)="activityReloads.update(next)" />
    </div>
  `,
  styles: `
    .page-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 16px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
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

  protected readonly next = (count: number): number => count + 1;
  protected readonly healthReloads = signal(0);
  protected readonly readinessReloads = signal(0);
  protected readonly activityReloads = signal(0);
  protected readonly seerrReloads = signal(0);
  protected readonly syncReloads = signal(0);
  protected readonly serversReloads = signal(0);

  protected readonly health = this.load(this.healthReloads, () => this.healthApi.health());
  protected readonly readiness = this.load(this.readinessReloads, () => this.healthApi.readiness());
  protected readonly activity = this.load(this.activityReloads, () =>
    this.auditApi.latest(LATEST_COUNT).pipe(map((page) => page.items)),
  );

  // Each card loads on its own: a slow or failing upstream only affects its own card.
  protected readonly seerr = this.load(this.seerrReloads, () => this.seerrApi.overview());
  protected readonly sync = this.load(this.syncReloads, () => this.syncApi.status());
  protected readonly servers = this.load(this.serversReloads, () => this.serversApi.list());

  protected refreshAll(): void {
    this.seerrReloads.update(this.next);
    this.syncReloads.update(this.next);
    this.serversReloads.update(this.next);
    this.healthReloads.update(this.next);
    this.readinessReloads.update(this.next);
    this.activityReloads.update(this.next);
  }

  /** Fetches on start and again whenever `reloads` changes; a newer fetch cancels an older one. */
  private load<T>(reloads: Signal<number>, fetch: () => Observable<T>): Signal<Remote<T>> {
    return toSignal(toObservable(reloads).pipe(switchMap(() => toRemote(fetch()))), {
      initialValue: LOADING,
    });
  }
}
