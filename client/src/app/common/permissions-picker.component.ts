import {
  ChangeDetectionStrategy,
  Component,
  computed,
  forwardRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { catchError, of, tap } from 'rxjs';

import { type SeerrPermissionsDto } from '../api';
import { type PermissionBit, hasBit, permissionGroups, withBit } from './seerr-permissions';
import { SeerrPermissionsService } from './seerr-permissions.service';

/**
 * Seerr permission bits as grouped checkboxes; a form control whose value is the resulting number.
 * Bits it has no checkbox for are kept as they are. A `null` value becomes Seerr's default for new
 * users once the server's permission table has arrived.
 */
@Component({
  selector: 'sp-permissions-picker',
  imports: [MatCheckboxModule],
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => PermissionsPickerComponent), multi: true },
  ],
  template: `
    <div class="groups" role="group" [attr.aria-label]="label()">
      @for (group of groups(); track group.title) {
        <fieldset>
          <legend>{{ group.title }}</legend>
          @for (permission of group.bits; track permission.bit) {
            <mat-checkbox
              [checked]="checked(permission)"
              [disabled]="disabled() || (permission.name !== 'ADMIN' && isAdmin())"
              [attr.data-testid]="testIdPrefix() + '-' + permission.bit"
              (change)="toggle(permission, $event.checked)"
            >
              {{ permission.label }}
            </mat-checkbox>
          }
        </fieldset>
      }
    </div>
    <p class="total" aria-live="polite">
      Permission value
      <strong class="sp-tabular" [attr.data-testid]="testIdPrefix() + '-value'">{{ value() }}</strong>
      @if (isAdmin()) {
        · Admin includes every other permission
      }
    </p>
  `,
  styles: `
    .groups {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 8px 16px;
    }
    fieldset {
      display: flex;
      flex-direction: column;
      min-width: 0;
      margin: 0;
      padding: 8px 0 0;
      border: 0;
    }
    legend {
      padding: 0;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
    mat-checkbox {
      margin-left: -8px;
    }
    .total {
      margin: 12px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .total strong {
      color: var(--mat-sys-on-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionsPickerComponent implements ControlValueAccessor {
  readonly label = input('Permissions');
  readonly testIdPrefix = input('perm');

  private readonly table = toSignal(
    inject(SeerrPermissionsService)
      .table()
      .pipe(
        tap((table) => this.applyDefault(table)),
        catchError(() => of(null)),
      ),
    { initialValue: null },
  );
  protected readonly groups = computed(() => {
    const table = this.table();
    return table ? permissionGroups(table) : [];
  });
  protected readonly value = signal<number | null>(null);
  protected readonly disabled = signal(false);
  protected readonly isAdmin = computed(() => {
    const admin = this.table()?.permissions.find((permission) => permission.name === 'ADMIN');
    return admin !== undefined && hasBit(this.value() ?? 0, admin.bit);
  });

  private onChange: ((value: number) => void) | null = null;
  private onTouched: () => void = () => undefined;

  protected checked(permission: PermissionBit): boolean {
    return hasBit(this.value() ?? 0, permission.bit) || (permission.name !== 'ADMIN' && this.isAdmin());
  }

  protected toggle(permission: PermissionBit, on: boolean): void {
    const value = withBit(this.value() ?? 0, permission.bit, on);
    this.value.set(value);
    this.onChange?.(value);
    this.onTouched();
  }

  writeValue(value: number | null): void {
    this.value.set(value);
    const table = this.table();
    if (table) {
      this.applyDefault(table);
    }
  }

  registerOnChange(fn: (value: number) => void): void {
    this.onChange = fn;
    const table = this.table();
    if (table) {
      this.applyDefault(table);
    }
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  /** Fills an unset value with the default, once the form can be told (it registers after writing). */
  private applyDefault(table: SeerrPermissionsDto): void {
    if (this.value() === null && this.onChange !== null) {
      this.value.set(table.default_permissions);
      this.onChange(table.default_permissions);
    }
  }
}
