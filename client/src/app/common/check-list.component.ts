import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** One line of a connection test: what was checked, whether it passed, and what was found. */
export interface CheckLine {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The plain-words result of a connection test (Seerr pre-flight, media server test). */
@Component({
  selector: 'sp-check-list',
  imports: [MatIconModule],
  template: `
    <ul class="checks" [attr.aria-label]="label()">
      @for (check of checks(); track check.name) {
        <li data-testid="check" [attr.data-name]="check.name" [attr.data-ok]="check.ok">
          <mat-icon [class.bad]="!check.ok" [attr.aria-label]="check.ok ? 'Passed' : 'Failed'" role="img">
            {{ check.ok ? 'check_circle' : 'error' }}
          </mat-icon>
          <div>
            <div class="name">{{ labels()[check.name] ?? check.name }}</div>
            <div class="detail">{{ check.detail }}</div>
          </div>
        </li>
      }
    </ul>
  `,
  styles: `
    .checks {
      display: grid;
      gap: 12px;
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
export class CheckListComponent {
  readonly checks = input.required<readonly CheckLine[]>();
  readonly labels = input<Readonly<Partial<Record<string, string>>>>({});
  readonly label = input('Check results');
}
