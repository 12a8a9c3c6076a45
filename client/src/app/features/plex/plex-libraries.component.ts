import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

import { BytesPipe, DateTimePipe, DurationPipe } from '../../common/format/format.pipes';

import { type PlexLibraryDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { LIBRARY_ICONS, LIBRARY_UNITS } from './plex-format';

/** Plex's libraries with their counts, size and running time, each with a Scan button. */
@Component({
  selector: 'sp-plex-libraries',
  imports: [
    BytesPipe,
    DateTimePipe,
    DecimalPipe,
    DurationPipe,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    StateMessageComponent,
    RemoteContentComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="plex-libraries" [attr.data-state]="libraries().state">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">video_library</mat-icon>
        <mat-card-title><h2>Libraries</h2></mat-card-title>
        <mat-card-subtitle>
          @if (list(); as l) {
            {{ l.length }} {{ l.length === 1 ? 'library' : 'libraries' }} on Plex
          } @else {
            What Plex serves
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content
          [remote]="libraries()"
          loadingLabel="Loading libraries"
          errorTestId="plex-libraries-error"
          (retry)="retry.emit()"
        >
          @if (list(); as l) {
            @if (l.length > 0) {
              <ul class="libraries">
                @for (library of l; track library.key) {
                  <li
                    class="library"
                    data-testid="plex-library"
                    [attr.data-key]="library.key"
                    [attr.data-title]="library.title"
                  >
                    <div class="head">
                      <mat-icon aria-hidden="true">{{ icon(library) }}</mat-icon>
                      <h3>{{ library.title }}</h3>
                    </div>
                    <p class="count">
                      <span class="value sp-tabular" data-testid="plex-library-count">{{
                        library.item_count | number
                      }}</span>
                      {{ units(library)[0] }}
                      @if (library.child_count !== null && units(library)[1]) {
                        <span class="children sp-tabular"
                          >· {{ library.child_count | number }} {{ units(library)[1] }}</span
                        >
                      }
                    </p>
                    <p class="meta sp-tabular">
                      @if (library.size_bytes !== null) {
                        <span>{{ library.size_bytes | bytes }}</span>
                      }
                      @if (library.duration_ms !== null) {
                        <span>{{ library.duration_ms / 1000 | duration }}</span>
                      }
                      <span>
                        @if (library.refreshing) {
                          Scanning now
                        } @else if (library.scanned_at) {
                          Scanned {{ library.scanned_at | datetime: 'day-time' }}
                        } @else {
                          Never scanned
                        }
                      </span>
                    </p>
                    <button
                      mat-stroked-button
                      type="button"
                      class="scan"
                      data-testid="plex-library-scan"
                      [attr.aria-label]="'Scan ' + library.title"
                      [disabled]="scanning().has(library.key)"
                      (click)="scan.emit(library)"
                    >
                      @if (scanning().has(library.key)) {
                        <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
                      } @else {
                        <mat-icon>refresh</mat-icon>
                      }
                      Scan
                    </button>
                  </li>
                }
              </ul>
            } @else {
              <sp-state-message
                data-testid="plex-libraries-empty"
                icon="video_library"
                message="Plex has no libraries yet."
                [retryable]="false"
              />
            }
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss'],
  styles: `
    .libraries {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .library {
      display: flex;
      flex-direction: column;
      gap: 6px;
      min-width: 0;
      padding: 12px 14px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    .head {
      display: flex;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    h3 {
      margin: 0;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    p {
      margin: 0;
    }
    .count .value {
      font: var(--mat-sys-headline-small);
    }
    .children,
    .meta {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 12px;
    }
    .scan {
      align-self: flex-start;
      margin-top: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlexLibrariesComponent {
  readonly libraries = input.required<Remote<PlexLibraryDto[]>>();
  /** Keys of the libraries whose scan request is on its way. */
  readonly scanning = input<ReadonlySet<string>>(new Set());
  readonly scan = output<PlexLibraryDto>();
  readonly retry = output<void>();

  protected readonly list = computed(() => remoteValue(this.libraries()));

  protected icon(library: PlexLibraryDto): string {
    return LIBRARY_ICONS[library.type] ?? 'folder';
  }

  protected units(library: PlexLibraryDto): readonly [string, string | null] {
    return LIBRARY_UNITS[library.type] ?? ['items', null];
  }
}
