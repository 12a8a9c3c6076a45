import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { type ContainerDto } from '../../api';
import { STATE_LOOKS, UNKNOWN_STATE } from './container-labels';

/** A service's container, as a link to it in Applications with its state: "Container plex · Running". */
@Component({
  selector: 'sp-container-link',
  imports: [RouterLink, MatIconModule],
  template: `
    <a
      class="link"
      routerLink="/applications"
      [queryParams]="{ q: container().name }"
      data-testid="container-link"
      [attr.data-name]="container().name"
      [attr.data-state]="container().state"
      [attr.aria-label]="'Container ' + container().name + ', ' + look().label + ', in Applications'"
    >
      <mat-icon aria-hidden="true">deployed_code</mat-icon>
      <span class="name">{{ container().name }}</span>
      <span class="state" [attr.data-tone]="look().tone">{{ look().label }}</span>
    </a>
  `,
  styles: `
    :host {
      display: inline-flex;
      min-width: 0;
    }
    .link {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-width: 0;
      padding: 4px 0;
      font: var(--mat-sys-label-large);
      text-decoration: none;
    }
    .link:hover .name,
    .link:focus-visible .name {
      text-decoration: underline;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .state {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .state::before {
      content: '· ';
    }
    .state[data-tone='error'] {
      color: var(--mat-sys-error);
    }
    mat-icon {
      flex: none;
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerLinkComponent {
  readonly container = input.required<Pick<ContainerDto, 'name' | 'state'>>();

  protected readonly look = computed(() => STATE_LOOKS[this.container().state] ?? UNKNOWN_STATE);
}
