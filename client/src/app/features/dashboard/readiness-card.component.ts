import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { type ReadinessDto } from '../../api';
import { type Remote } from '../../core/util/remote';
import { StateMessageComponent } from '../../shared/state-message.component';

const CHECK_LABELS: Readonly<Record<string, string>> = { database: 'Database', config: 'Configuration' };

@Component({
  selector: 'sp-readiness-card',
  imports: [MatCardModule, MatIconModule, MatProgressBarModule, StateMessageComponent],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">fact_check</mat-icon>
        <mat-card-title><h2>Readiness</h2></mat-card-title>
        <mat-card-subtitle>
          @if (value(); as r) {
            <span data-testid="readiness-status">{{
              r.status === 'ok' ? 'All checks pass' : 'Degraded'
            }}</span>
          } @else {
            Dependency checks
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @switch (readiness().state) {
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" aria-label="Loading readiness checks" />
          }
          @case ('error') {
            <sp-state-message kind="error" [message]="errorMessage()" (retry)="retry.emit()" />
          }
          @case ('ok') {
            @if (value()?.checks?.length) {
              <ul class="checks">
                @for (check of value()?.checks; track check.name) {
                  <li data-testid="readiness-check" [attr.data-ok]="check.ok">
                    <mat-icon [class.bad]="!check.ok" [attr.aria-label]="check.ok ? 'OK' : 'Failing'">
                      {{ check.ok ? 'check_circle' : 'error' }}
                    </mat-icon>
                    <div>
                      <div class="name">{{ label(check.name) }}</div>
                      <div class="detail">{{ check.detail }}</div>
                    </div>
                  </li>
                }
              </ul>
            } @else {
              <sp-state-message message="The server reported no checks." icon="rule" />
            }
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .checks {
      display: grid;
      gap: 14px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    mat-icon {
      flex: none;
      color: var(--mat-sys-primary);
    }
    mat-icon.bad {
      color: var(--mat-sys-error);
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .detail {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReadinessCardComponent {
  readonly readiness = input.required<Remote<ReadinessDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => {
    const readiness = this.readiness();
    return readiness.state === 'ok' ? readiness.value : null;
  });

  protected readonly errorMessage = computed(() => {
    const readiness = this.readiness();
    return readiness.state === 'error' ? readiness.message : '';
  });

  protected label(name: string): string {
    return CHECK_LABELS[name] ?? name;
  }
}
