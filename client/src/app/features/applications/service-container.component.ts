import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

import { type ContainerDto } from '../../api';
import { ContainerLinkComponent } from './container-link.component';

/**
 * A service's container on its card or page: the link to it in Applications and a Restart button
 * (shown when `restartable`: a linked container, or a service whose own route restarts it).
 */
@Component({
  selector: 'sp-service-container',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, ContainerLinkComponent],
  template: `
    @if (container(); as c) {
      <sp-container-link [container]="c" />
    }
    @if (restartable()) {
      <button
        mat-stroked-button
        type="button"
        [attr.data-testid]="testId()"
        [attr.aria-label]="'Restart ' + service()"
        [disabled]="busy()"
        (click)="restart.emit()"
      >
        @if (busy()) {
          <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
        } @else {
          <mat-icon>restart_alt</mat-icon>
        }
        Restart
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 8px 12px;
      min-width: 0;
    }
    sp-container-link {
      margin-inline-end: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceContainerComponent {
  /** The service's name, for the button's label ("Restart uTorrent"). */
  readonly service = input.required<string>();
  readonly container = input<ContainerDto | null>(null);
  readonly restartable = input(false);
  readonly busy = input(false);
  readonly testId = input('service-restart');
  readonly restart = output<void>();
}
