import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';

import { ACTION_LOOKS, type ContainerAction, actionApplies } from './container-labels';

/**
 * One container's buttons: logs, start or stop (whichever applies), restart. All are disabled while an
 * action on it runs, and the running one spins. `labelled` shows text beside the icons (phone cards).
 */
@Component({
  selector: 'sp-container-actions',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, MatTooltipModule],
  template: `
    <button
      mat-icon-button
      type="button"
      data-testid="container-logs"
      [attr.aria-label]="'Logs of ' + name()"
      matTooltip="Logs"
      (click)="logs.emit()"
    >
      <mat-icon>article</mat-icon>
    </button>
    @for (action of shown(); track action) {
      <button
        [attr.data-testid]="'container-' + action"
        type="button"
        mat-icon-button
        [attr.aria-label]="looks[action].label + ' ' + name()"
        [matTooltip]="looks[action].label"
        [disabled]="busy() !== null"
        (click)="act.emit(action)"
      >
        @if (busy() === action) {
          <mat-progress-spinner mode="indeterminate" diameter="20" aria-hidden="true" />
        } @else {
          <mat-icon>{{ looks[action].icon }}</mat-icon>
        }
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      justify-content: flex-end;
      gap: 2px;
    }
    mat-progress-spinner {
      margin: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerActionsComponent {
  readonly name = input.required<string>();
  readonly state = input.required<string>();
  readonly busy = input<ContainerAction | null>(null);
  readonly act = output<ContainerAction>();
  readonly logs = output<void>();

  protected readonly looks = ACTION_LOOKS;
  /** Start or stop, whichever applies (the one in flight stays while it runs), then restart. */
  protected readonly shown = computed((): ContainerAction[] => {
    const busy = this.busy();
    const toggle: ContainerAction =
      busy === 'start' || busy === 'stop' ? busy : actionApplies('stop', this.state()) ? 'stop' : 'start';
    return [toggle, 'restart'];
  });
}
