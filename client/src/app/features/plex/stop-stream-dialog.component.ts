import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** The server's limit on the message (TerminatePlexSessionDto). */
export const STOP_MESSAGE_MAX = 300;

export interface StopStreamDialogData {
  readonly title: string;
  readonly user: string;
  readonly player: string;
}

/** Asks for the message the player shows when its stream stops; closes with it (maybe empty). */
@Component({
  selector: 'sp-stop-stream-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Stop this stream?</h2>
    <form [formGroup]="form" (ngSubmit)="stop()" novalidate>
      <mat-dialog-content>
        <p class="what">
          <strong>{{ data.title }}</strong> stops for {{ data.user }} on {{ data.player }}.
        </p>
        <mat-form-field appearance="outline">
          <mat-label>Message on the player</mat-label>
          <textarea
            matInput
            formControlName="message"
            rows="3"
            [maxlength]="max"
            placeholder="The server owner stopped this stream."
            data-testid="stop-stream-message"
          ></textarea>
          <mat-hint align="end">{{ form.controls.message.value.length }} / {{ max }}</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <!-- Not mat-dialog-close: its empty attribute would close with "", which reads as a message. -->
        <button mat-button type="button" data-testid="stop-stream-cancel" (click)="cancel()">Cancel</button>
        <button mat-flat-button type="submit" class="destructive" data-testid="stop-stream-ok">
          Stop stream
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .what {
      margin: 0 0 16px;
    }
    mat-form-field {
      width: 100%;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StopStreamDialogComponent {
  protected readonly data = inject<StopStreamDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<StopStreamDialogComponent, string>>(MatDialogRef);
  protected readonly max = STOP_MESSAGE_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    message: ['', [Validators.maxLength(STOP_MESSAGE_MAX)]],
  });

  protected cancel(): void {
    this.ref.close();
  }

  protected stop(): void {
    if (this.form.invalid) return;
    this.ref.close(this.form.controls.message.value.trim());
  }
}
