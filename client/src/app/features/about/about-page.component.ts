import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

import { HealthClient } from '../../core/api/health-client.service';
import { remoteState } from '../../core/util/remote-state';
import { AboutCardComponent } from './about-card.component';
import { ReadinessCardComponent } from './readiness-card.component';

/** The panel's own facts (version, uptime, files) and its readiness checks. */
@Component({
  selector: 'sp-about-page',
  host: { class: 'sp-page' },
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, AboutCardComponent, ReadinessCardComponent],
  template: `
    <header class="page-header">
      <h1>About</h1>
      <button
        mat-icon-button
        type="button"
        aria-label="Refresh"
        matTooltip="Refresh"
        data-testid="about-refresh"
        (click)="about.reload(); readiness.reload()"
      >
        <mat-icon>refresh</mat-icon>
      </button>
    </header>
    <div class="grid">
      <sp-about-card [about]="about.state()" (retry)="about.reload()" />
      <sp-readiness-card [readiness]="readiness.state()" (retry)="readiness.reload()" />
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
    @media (max-width: 719.98px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AboutPageComponent {
  private readonly healthApi = inject(HealthClient);

  protected readonly about = remoteState(() => this.healthApi.about());
  protected readonly readiness = remoteState(() => this.healthApi.readiness());
}
