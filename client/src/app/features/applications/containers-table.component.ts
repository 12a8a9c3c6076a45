import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { BytesPipe, DurationPipe } from '../../common/format/format.pipes';

import { type ContainerDto } from '../../api';
import { StatusChipComponent } from '../../common/status-chip.component';
import { ContainerActionsComponent } from './container-actions.component';
import {
  type ContainerAction,
  HEALTH_LOOKS,
  type LinkedService,
  SERVICE_NAMES,
  STATE_LOOKS,
  UNKNOWN_STATE,
} from './container-labels';
import { formatPercent } from '../../common/format/units';

export interface ContainerActionRequest {
  readonly container: ContainerDto;
  readonly action: ContainerAction;
}

/** Where each linked service has its own page. */
const SERVICE_PAGES: Readonly<Record<LinkedService, string>> = {
  plex: '/plex',
  tautulli: '/plex',
  utorrent: '/torrents',
  rutorrent: '/torrents',
  seerr: '/seerr',
};

/**
 * The containers: a table on a desktop, one card per container on a phone. Each shows its state and
 * health, uptime and restarts, CPU, memory against its limit and network I/O, with its actions.
 */
@Component({
  selector: 'sp-containers-table',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatIconModule,
    BytesPipe,
    DurationPipe,
    StatusChipComponent,
    ContainerActionsComponent,
  ],
  templateUrl: './containers-table.component.html',
  styleUrl: './containers-table.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainersTableComponent {
  readonly containers = input.required<readonly ContainerDto[]>();
  readonly busy = input<ReadonlyMap<string, ContainerAction>>(new Map());
  readonly compact = input(false);
  /** The container a link from a service page asked for. */
  readonly highlighted = input('');
  readonly act = output<ContainerActionRequest>();
  readonly logs = output<ContainerDto>();

  protected readonly serviceNames = SERVICE_NAMES;
  protected readonly servicePages = SERVICE_PAGES;

  protected stateLook(container: ContainerDto) {
    return STATE_LOOKS[container.state] ?? UNKNOWN_STATE;
  }

  protected healthLook(container: ContainerDto) {
    return container.health ? HEALTH_LOOKS[container.health] : null;
  }

  protected service(container: ContainerDto): LinkedService | null {
    return container.service ?? null;
  }

  /** CPU % compares two readings: a running container's first one has nothing to compare with yet. */
  protected cpuTitle(c: ContainerDto): string | null {
    return c.cpu_percent === null && c.state === 'running' ? 'Measured from the next refresh' : null;
  }

  protected percent(value: number | null | undefined): string {
    return formatPercent(value);
  }

  /** Memory used as a share of the limit, for the bar; null without both figures. */
  protected memoryShare(container: ContainerDto): number | null {
    const used = container.memory_bytes;
    const limit = container.memory_limit_bytes;
    return used !== null && used !== undefined && limit ? Math.min(100, (used / limit) * 100) : null;
  }
}
