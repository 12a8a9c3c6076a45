import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { type Remote, remoteError } from '../core/util/remote';
import { StateMessageComponent } from './state-message.component';

/**
 * The three faces of a remote value: a progress bar while it loads, the error sentence with a retry
 * button, or the projected content once it is there (read the value with `remoteValue`).
 */
@Component({
  selector: 'sp-remote-content',
  imports: [MatProgressBarModule, StateMessageComponent],
  template: `
    @switch (remote().state) {
      @case ('loading') {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
      }
      @case ('error') {
        <div [attr.data-testid]="errorTestId()">
          <sp-state-message kind="error" [message]="message()" (retry)="retry.emit()" />
        </div>
      }
      @default {
        <ng-content />
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    mat-progress-bar {
      margin: 16px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RemoteContentComponent {
  readonly remote = input.required<Remote<unknown>>();
  readonly loadingLabel = input.required<string>();
  /** Test id of the error block, for specs that wait for it. */
  readonly errorTestId = input<string | null>(null);
  readonly retry = output<void>();

  protected readonly message = computed(() => remoteError(this.remote()) ?? '');
}
