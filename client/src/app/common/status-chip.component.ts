import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** How a status reads at a glance; `removed` marks media deleted after it was available. */
export type ChipTone = 'success' | 'info' | 'warning' | 'error' | 'neutral' | 'removed';

/** Everything a chip shows, for lookup tables keyed by status. */
export interface ChipLook {
  readonly label: string;
  readonly tone: ChipTone;
  readonly icon: string;
}

/** A small coloured label with an icon, for run, request and plan statuses. */
@Component({
  selector: 'sp-status-chip',
  imports: [MatIconModule],
  template: `
    <span class="chip" [attr.data-tone]="tone()">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      <span data-testid="status-label">{{ label() }}</span>
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      height: 24px;
      padding: 0 10px 0 6px;
      border-radius: 8px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    /* M3 has no success, warning or removed roles: the panel's own are in styles.scss. */
    [data-tone='success'] {
      background: var(--sp-success-container);
      color: var(--sp-on-success-container);
    }
    [data-tone='info'] {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    [data-tone='warning'] {
      background: var(--sp-warning-container);
      color: var(--sp-on-warning-container);
    }
    [data-tone='error'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    [data-tone='removed'] {
      background: var(--sp-removed-container);
      color: var(--sp-on-removed-container);
    }
    mat-icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChipComponent {
  readonly label = input.required<string>();
  readonly tone = input<ChipTone>('neutral');
  readonly icon = input('circle');
}
