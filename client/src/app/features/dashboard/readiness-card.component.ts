import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { type ReadinessDto } from '../../api';
import { type Remote } from '../../core/util/remote';
import { CheckListComponent } from '../../common/check-list.component';
import { StateMessageComponent } from '../../common/state-message.component';

const CHECK_LABELS: Readonly<Record<string, string>> = { database: 'Database', config: 'Configuration' };

@Component({
  selector: 'sp-readiness-card',
  imports: [CheckListComponent, MatCardModule, MatIconModule, MatProgressBarModule, StateMessageComponent],
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
              <sp-check-list [checks]="value()!.checks" [labels]="labels" label="Readiness checks" />
            } @else {
              <sp-state-message message="The server reported no checks." icon="rule" />
            }
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
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

  protected readonly labels = CHECK_LABELS;
}
