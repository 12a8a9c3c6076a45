import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { type SyncProgressDto } from '../../api';
import { PHASE_LABEL } from './sync-labels';

/** The run in flight: its phase and how far it got, as the server reports it. */
@Component({
  selector: 'sp-sync-progress',
  imports: [MatCardModule, MatIconModule, MatProgressBarModule, DecimalPipe],
  template: `
    <mat-card appearance="outlined" data-testid="sync-progress" [attr.data-phase]="progress().phase">
      <mat-card-content>
        <div class="head">
          <mat-icon class="spin" aria-hidden="true">sync</mat-icon>
          <div class="text" aria-live="polite">
            <strong>Run #{{ progress().run_id }} · {{ phaseLabel() }}</strong>
            @if (progress().total > 0) {
              <span class="sp-tabular" data-testid="sync-progress-count"
                >{{ progress().done | number }} of {{ progress().total | number }}</span
              >
            }
          </div>
        </div>
        <mat-progress-bar
          [mode]="progress().total > 0 ? 'determinate' : 'indeterminate'"
          [value]="percent()"
          [attr.aria-label]="'Sync progress: ' + phaseLabel()"
        />
        @if (progress().message) {
          <p class="message">{{ progress().message }}</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-card-content {
      display: grid;
      gap: 12px;
      padding: 16px;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .text {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
    }
    .text span {
      color: var(--mat-sys-on-surface-variant);
    }
    .spin {
      color: var(--mat-sys-primary);
      animation: spin 1.4s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(-360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spin {
        animation: none;
      }
    }
    .message {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncProgressComponent {
  readonly progress = input.required<SyncProgressDto>();

  protected readonly phaseLabel = computed(() => PHASE_LABEL[this.progress().phase]);
  protected readonly percent = computed(() => {
    const { done, total } = this.progress();
    return total > 0 ? Math.round((100 * done) / total) : 0;
  });
}
