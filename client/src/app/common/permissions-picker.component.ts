import { ChangeDetectionStrategy, Component, computed, forwardRef, input, signal } from '@angular/core';
import { type ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';

import {
  ADMIN_PERMISSION,
  PERMISSION_GROUPS,
  type PermissionBit,
  hasBit,
  withBit,
} from './seerr-permissions';

/**
 * Seerr permission bits as grouped checkboxes; a form control whose value is the resulting number.
 * Bits it has no checkbox for are kept as they are.
 */
@Component({
  selector: 'sp-permissions-picker',
  imports: [MatCheckboxModule],
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => PermissionsPickerComponent), multi: true },
  ],
  template: `
    <div class="groups" role="group" [attr.aria-label]="label()">
      @for (group of groups; track group.title) {
        <fieldset>
          <legend>{{ group.title }}</legend>
          @for (permission of group.bits; track permission.bit) {
            <mat-checkbox
              [checked]="checked(permission)"
              [disabled]="disabled() || (permission.bit !== admin && isAdmin())"
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

  protected readonly groups = PERMISSION_GROUPS;
  protected readonly admin = ADMIN_PERMISSION;
  protected readonly value = signal(0);
  protected readonly disabled = signal(false);
  protected readonly isAdmin = computed(() => hasBit(this.value(), ADMIN_PERMISSION));

  private onChange: (value: number) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  protected checked(permission: PermissionBit): boolean {
    return hasBit(this.value(), permission.bit) || (permission.bit !== ADMIN_PERMISSION && this.isAdmin());
  }

  protected toggle(permission: PermissionBit, on: boolean): void {
    this.value.update((value) => withBit(value, permission.bit, on));
    this.onChange(this.value());
    this.onTouched();
  }

  writeValue(value: number | null): void {
    this.value.set(value ?? 0);
  }

  registerOnChange(fn: (value: number) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}
