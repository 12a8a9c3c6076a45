import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { type ReadinessDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { CheckListComponent } from '../../common/check-list.component';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';

const CHECK_LABELS: Readonly<Record<string, string>> = {
  database: 'Database',
  config: 'Configuration',
  disk: 'Free space',
  services: 'Upstream services',
};

@Component({
  selector: 'sp-readiness-card',
  imports: [CheckListComponent, MatCardModule, MatIconModule, StateMessageComponent, RemoteContentComponent],
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
        <sp-remote-content
          [remote]="readiness()"
          loadingLabel="Loading readiness checks"
          (retry)="retry.emit()"
        >
          @if (value()?.checks?.length) {
            <sp-check-list [checks]="value()!.checks" [labels]="labels" label="Readiness checks" />
          } @else {
            <sp-state-message message="The server reported no checks." icon="rule" />
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: '../dashboard/dashboard-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReadinessCardComponent {
  readonly readiness = input.required<Remote<ReadinessDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.readiness()));

  protected readonly labels = CHECK_LABELS;
}
