import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type UserRequestDto } from '../../api';
import { StatusChipComponent } from '../../common/status-chip.component';
import { STATUS_LOOK, type ShownStatus, shownStatus } from './request-status';

export interface RequestGroup {
  readonly userId: number;
  readonly name: string;
  readonly requests: readonly UserRequestDto[];
  /** e.g. "2 pending · 1 media deleted" */
  readonly summary: string;
}

/** One expandable panel per user with their requests, newest first. */
@Component({
  selector: 'sp-requests-groups',
  imports: [MatExpansionModule, MatIconModule, MatTooltipModule, DateTimePipe, StatusChipComponent],
  templateUrl: './requests-groups.component.html',
  styleUrl: './requests-groups.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestsGroupsComponent {
  readonly groups = input.required<readonly RequestGroup[]>();
  readonly expanded = input(false);

  protected look(request: UserRequestDto): (typeof STATUS_LOOK)[ShownStatus] {
    return STATUS_LOOK[shownStatus(request)];
  }
}
