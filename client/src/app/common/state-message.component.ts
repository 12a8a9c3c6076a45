import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** Empty and error placeholders for cards and tables. */
@Component({
  selector: 'sp-state-message',
  imports: [MatIconModule, MatButtonModule],
  template: `
    <div
      class="state"
      [class.error]="kind() === 'error'"
      [attr.role]="kind() === 'error' ? 'alert' : 'status'"
    >
      <mat-icon aria-hidden="true">{{ kind() === 'error' ? 'error' : icon() }}</mat-icon>
      <p>{{ message() }}</p>
      @if (kind() === 'error' && retryable()) {
        <button mat-stroked-button type="button" (click)="retry.emit()">
          <mat-icon>refresh</mat-icon>
          Try again
        </button>
      }
    </div>
  `,
  styles: `
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      padding: 24px 16px;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .state.error mat-icon {
      color: var(--mat-sys-error);
    }
    mat-icon {
      width: 32px;
      height: 32px;
      font-size: 32px;
    }
    p {
      margin: 0;
      font: var(--mat-sys-body-medium);
      max-width: 48ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StateMessageComponent {
  readonly kind = input<'empty' | 'error'>('empty');
  readonly message = input.required<string>();
  readonly icon = input('inbox');
  readonly retryable = input(true);
  readonly retry = output<void>();
}
