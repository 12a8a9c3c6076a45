import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { BytesPipe } from '../../common/format/format.pipes';
import { formatPercent } from '../../common/format/units';

import { type DiskLevel, type DiskUsageDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';

const LEVEL_LABELS: Readonly<Record<DiskLevel, string>> = {
  ok: 'OK',
  warning: 'Getting full',
  critical: 'Almost full',
};

/** Each `disk_paths` entry as a bar of its used share, coloured by its level. */
@Component({
  selector: 'sp-disk-card',
  imports: [MatCardModule, MatIconModule, BytesPipe, RemoteContentComponent, StateMessageComponent],
  template: `
    <mat-card appearance="outlined" data-testid="disk-card">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">hard_drive</mat-icon>
        <mat-card-title><h2>Disk space</h2></mat-card-title>
        <mat-card-subtitle>Free and used on each path</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="disks()" loadingLabel="Loading disk space" (retry)="retry.emit()">
          @if (list().length > 0) {
            <ul class="disks">
              @for (disk of list(); track disk.name) {
                <li data-testid="disk-row" [attr.data-name]="disk.name" [attr.data-level]="disk.level">
                  <div class="line">
                    <span class="name">{{ disk.name }}</span>
                    <span class="level" [attr.data-level]="disk.level" data-testid="disk-level">
                      @if (disk.level !== 'ok') {
                        <mat-icon aria-hidden="true">{{
                          disk.level === 'critical' ? 'error' : 'warning'
                        }}</mat-icon>
                      }
                      {{ labels[disk.level] }}
                    </span>
                  </div>
                  @if (disk.error; as error) {
                    <p class="error" role="alert">{{ error }}</p>
                  } @else {
                    <div
                      class="bar"
                      role="meter"
                      aria-valuemin="0"
                      aria-valuemax="100"
                      [attr.aria-valuenow]="disk.used_percent"
                      [attr.aria-label]="disk.name + ' used'"
                      [attr.data-level]="disk.level"
                    >
                      <span class="fill" [style.width.%]="disk.used_percent"></span>
                    </div>
                    <div class="figures sp-tabular">
                      <span data-testid="disk-free">{{ disk.free_bytes | bytes }} free</span>
                      <span>{{ disk.used_bytes | bytes }} used · {{ percent(disk.used_percent) }}</span>
                    </div>
                  }
                  <span class="path"
                    ><code>{{ disk.path }}</code>
                    @if (disk.total_bytes !== null) {
                      · {{ disk.total_bytes | bytes }} filesystem
                    }
                  </span>
                </li>
              }
            </ul>
          } @else {
            <sp-state-message message="No disk paths are set." icon="hard_drive" [retryable]="false" />
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .disks {
      display: grid;
      gap: 16px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .line,
    .figures {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 2px 12px;
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .level {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .level mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
    .level[data-level='warning'] {
      color: var(--sp-on-warning-container);
      background: var(--sp-warning-container);
      border-radius: 8px;
      padding: 0 8px 0 4px;
    }
    .level[data-level='critical'] {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      border-radius: 8px;
      padding: 0 8px 0 4px;
    }
    .bar {
      height: 10px;
      margin: 6px 0 4px;
      border-radius: 5px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-highest);
    }
    .fill {
      display: block;
      height: 100%;
      border-radius: 5px;
      background: var(--mat-sys-primary);
    }
    .bar[data-level='warning'] .fill {
      background: light-dark(#b07800, #f5c04a);
    }
    .bar[data-level='critical'] .fill {
      background: var(--mat-sys-error);
    }
    .figures,
    .path {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .path {
      display: block;
      margin-top: 2px;
      overflow-wrap: anywhere;
    }
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      overflow-wrap: anywhere;
    }
    .error {
      margin: 4px 0;
      color: var(--mat-sys-error);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiskCardComponent {
  readonly disks = input.required<Remote<readonly DiskUsageDto[]>>();
  readonly retry = output<void>();

  protected readonly labels = LEVEL_LABELS;
  protected readonly list = computed(() => remoteValue(this.disks()) ?? []);
  protected readonly percent = formatPercent;
}
