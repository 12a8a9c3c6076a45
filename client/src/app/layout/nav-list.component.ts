import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { RouterLink, RouterLinkActive } from '@angular/router';

import { type NavItem } from './nav-items';

@Component({
  selector: 'sp-nav-list',
  imports: [MatListModule, MatIconModule, RouterLink, RouterLinkActive],
  template: `
    <mat-nav-list aria-label="Main navigation">
      @for (item of items(); track item.path) {
        <a
          mat-list-item
          [routerLink]="item.path"
          routerLinkActive
          #rla="routerLinkActive"
          [activated]="rla.isActive"
          [attr.aria-current]="rla.isActive ? 'page' : null"
          [attr.data-testid]="item.testId"
          (click)="navigated.emit()"
        >
          <mat-icon matListItemIcon aria-hidden="true">{{ item.icon }}</mat-icon>
          <span matListItemTitle>{{ item.label }}</span>
        </a>
      }
    </mat-nav-list>
  `,
  styles: `
    mat-nav-list {
      padding: 8px 12px;
    }
    a {
      border-radius: 28px;
      margin-bottom: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NavListComponent {
  readonly items = input.required<readonly NavItem[]>();
  readonly navigated = output<void>();
}
