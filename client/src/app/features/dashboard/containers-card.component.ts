import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { type ContainerDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { type ChipLook, StatusChipComponent } from '../../common/status-chip.component';
import { type ContainerState, STATE_LOOKS, UNKNOWN_STATE } from '../applications/container-labels';

/** The stack's containers that are not running, from the Applications page's source. */
@Component({
  selector: 'sp-containers-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    RouterLink,
    RemoteContentComponent,
    StateMessageComponent,
    StatusChipComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="containers-card">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">deployed_code</mat-icon>
        <mat-card-title><h2>Containers</h2></mat-card-title>
        <mat-card-subtitle>
          @if (value(); as v) {
            <span data-testid="containers-summary"
              >{{ v.total - v.down.length }} of {{ v.total }} running</span
            >
          } @else {
            Docker
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="containers()" loadingLabel="Loading containers" (retry)="retry.emit()">
          @if (value(); as v) {
            @if (v.down.length > 0) {
              <ul class="down">
                @for (c of v.down; track c.id) {
                  <li data-testid="container-down" [attr.data-name]="c.name">
                    <span class="name">{{ c.name }}</span>
                    @if (look(c.state); as l) {
                      <sp-status-chip [label]="l.label" [tone]="l.tone" [icon]="l.icon" />
                    }
                    <span class="status">{{ c.status }}</span>
                  </li>
                }
              </ul>
            } @else {
              <sp-state-message
                data-testid="containers-all-up"
                [message]="v.total ? 'Every container is running.' : 'The panel shows no containers.'"
                icon="check_circle"
                [retryable]="false"
              />
            }
          }
        </sp-remote-content>
      </mat-card-content>
      <mat-card-actions align="end">
        <a mat-button routerLink="/applications" data-testid="containers-open">
          Applications
          <mat-icon iconPositionEnd>arrow_forward</mat-icon>
        </a>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .down {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .down li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .status {
      flex-basis: 100%;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainersCardComponent {
  readonly containers = input.required<Remote<{ total: number; down: readonly ContainerDto[] }>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.containers()));

  protected look(state: string): ChipLook {
    return STATE_LOOKS[state as ContainerState] ?? UNKNOWN_STATE;
  }
}
