import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type UserRequestDto } from '../../api';
import { DateTimePipe } from '../../common/format/format.pipes';
import { StatusChipComponent } from '../../common/status-chip.component';
import { STATUS_LOOK, type ShownStatus, shownStatus } from './request-status';

/** The queue of requests, one row each: poster, title linked to Seerr, who asked and when, status, actions. */
@Component({
  selector: 'sp-requests-queue',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTooltipModule,
    DateTimePipe,
    StatusChipComponent,
  ],
  templateUrl: './requests-queue.component.html',
  styleUrl: './requests-queue.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestsQueueComponent {
  readonly requests = input.required<readonly UserRequestDto[]>();
  /** Ids of requests with an action under way: their buttons wait. */
  readonly busy = input<ReadonlySet<number>>(new Set());
  readonly approve = output<UserRequestDto>();
  readonly decline = output<UserRequestDto>();
  readonly remove = output<UserRequestDto>();

  /** Posters that failed to load (TMDB unreachable): the type icon stands in. */
  protected readonly brokenPosters = signal<ReadonlySet<number>>(new Set());

  protected look(request: UserRequestDto): (typeof STATUS_LOOK)[ShownStatus] {
    return STATUS_LOOK[shownStatus(request)];
  }

  protected nameOf(request: UserRequestDto): string {
    return request.title ?? `TMDB #${request.tmdb_id}`;
  }

  protected posterFailed(id: number): void {
    this.brokenPosters.update((ids) => new Set(ids).add(id));
  }
}
