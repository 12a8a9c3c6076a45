import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';

/** What the next run does: remove missing users, go past the deletion cap; then preview or apply. */
@Component({
  selector: 'sp-sync-options',
  imports: [MatCardModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule, MatSlideToggleModule],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-card-title><h2>Run a sync</h2></mat-card-title>
        <mat-card-subtitle>Preview what would change, then apply it</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <div class="toggles">
          <mat-slide-toggle
            [checked]="removeMissing()"
            [disabled]="running()"
            data-testid="sync-option-remove-missing"
            (change)="removeMissingChange.emit($event.checked)"
          >
            Remove missing users
          </mat-slide-toggle>
          <p class="hint">
            Delete Seerr users who are on no media server, and blocked users' accounts.
            {{ removeMissingIsSetting() ? 'This is the saved setting.' : 'Differs from the saved setting.' }}
          </p>
          <mat-slide-toggle
            [checked]="force()"
            [disabled]="running() || !removeMissing()"
            data-testid="sync-option-force"
            (change)="forceChange.emit($event.checked)"
          >
            Skip the deletion cap
          </mat-slide-toggle>
          <p class="hint">Make deletions above the cap at once instead of waiting for approval.</p>
        </div>
      </mat-card-content>
      <mat-card-actions>
        <button
          mat-stroked-button
          type="button"
          data-testid="sync-preview"
          [disabled]="running() || previewing()"
          (click)="preview.emit()"
        >
          @if (previewing()) {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
          } @else {
            <mat-icon>preview</mat-icon>
          }
          Preview
        </button>
        <button
          mat-flat-button
          type="button"
          data-testid="sync-apply"
          [disabled]="running() || !canApply()"
          (click)="apply.emit()"
        >
          <mat-icon>play_arrow</mat-icon>
          Apply
        </button>
        @if (!canApply() && !running()) {
          <span class="note">Preview first to apply.</span>
        }
      </mat-card-actions>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-card {
      height: 100%;
    }
    h2 {
      margin: 0;
      font: inherit;
    }
    mat-card-header {
      margin-bottom: 12px;
    }
    .toggles {
      display: grid;
      gap: 4px;
    }
    .hint {
      margin: 0 0 12px 52px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    mat-card-actions {
      flex-wrap: wrap;
      gap: 8px;
      padding: 8px 16px 16px;
    }
    mat-progress-spinner {
      margin-right: 8px;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncOptionsComponent {
  readonly removeMissing = input(false);
  readonly removeMissingIsSetting = input(true);
  readonly force = input(false);
  readonly running = input(false);
  readonly previewing = input(false);
  readonly canApply = input(false);
  readonly removeMissingChange = output<boolean>();
  readonly forceChange = output<boolean>();
  readonly preview = output<void>();
  readonly apply = output<void>();
}
