import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type SyncRunDto } from '../../api';
import { StatusChipComponent } from '../../common/status-chip.component';
import { SyncCountsComponent } from './sync-counts.component';
import { RUN_STATUS, TRIGGER_LABEL } from './sync-labels';

/** The latest run's result, and the approval prompt when the deletion cap stopped it. */
@Component({
  selector: 'sp-sync-last-run',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    RouterLink,
    DateTimePipe,
    StatusChipComponent,
    SyncCountsComponent,
  ],
  templateUrl: './sync-last-run.component.html',
  styleUrl: './sync-last-run.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncLastRunComponent {
  readonly run = input.required<SyncRunDto>();
  readonly approving = input(false);
  readonly approve = output<SyncRunDto>();

  protected readonly look = computed(() => RUN_STATUS[this.run().status]);
  protected readonly trigger = computed(() => TRIGGER_LABEL[this.run().trigger]);
  protected readonly awaiting = computed(() => this.run().status === 'awaiting_approval');
}
