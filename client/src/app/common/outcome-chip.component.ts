import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

@Component({
  selector: 'sp-outcome-chip',
  imports: [MatIconModule],
  template: `
    <span class="chip" [class.error]="!ok()" [attr.data-outcome]="outcome()">
      <mat-icon aria-hidden="true">{{ ok() ? 'check' : 'close' }}</mat-icon>
      {{ ok() ? 'OK' : 'Error' }}
    </span>
  `,
  styles: `
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      height: 24px;
      padding: 0 10px 0 6px;
      border-radius: 8px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .chip.error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    mat-icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutcomeChipComponent {
  readonly outcome = input.required<string>();
  protected readonly ok = computed(() => this.outcome() === 'ok');
}
