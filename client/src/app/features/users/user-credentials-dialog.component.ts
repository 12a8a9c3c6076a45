import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';

import { type DetailedUserDto } from '../../api';
import { SIGN_IN_METHOD_LABEL } from './users-format';

/**
 * How a person signs in to Seerr: the name to type and how the password is made. Seerr's own sign-in
 * finds an account by its e-mail only, so someone created with an e-mail cannot sign in by user name.
 */
@Component({
  selector: 'sp-user-credentials-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>How {{ user.username }} signs in to Seerr</h2>
    <mat-dialog-content>
      @if (user.sign_in && user.sign_in_method) {
        <dl class="facts" data-testid="credentials-view">
          <dt>Sign in with</dt>
          <dd>{{ methodLabel[user.sign_in_method] }}</dd>
          <dt>{{ user.sign_in_method === 'local' ? 'E-mail field' : 'Account' }}</dt>
          <dd>
            <code data-testid="credentials-sign-in">{{ user.sign_in }}</code>
          </dd>
          <dt>Password</dt>
          <dd data-testid="credentials-rule">{{ user.password_rule ?? 'Not known' }}</dd>
        </dl>
        @if (user.sign_in_method === 'local' && user.email) {
          <p class="hint">
            <mat-icon aria-hidden="true">info</mat-icon>
            Seerr looks accounts up by e-mail only: the user name {{ user.username }} does not work here.
          </p>
        }
        @if (user.status === 'create') {
          <p class="hint">
            <mat-icon aria-hidden="true">schedule</mat-icon>
            The account does not exist yet: the next sync creates it.
          </p>
        }
      } @else {
        <p data-testid="credentials-none">
          {{
            user.status === 'unknown'
              ? 'Seerr could not be read, so how they sign in is unknown.'
              : 'No Seerr account, and none is planned.'
          }}
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 8px 16px;
      margin: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .hint {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserCredentialsDialogComponent {
  protected readonly user = inject<DetailedUserDto>(MAT_DIALOG_DATA);
  protected readonly methodLabel = SIGN_IN_METHOD_LABEL;
}
