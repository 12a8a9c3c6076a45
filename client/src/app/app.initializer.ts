import { inject } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';

import { AuthService } from './core/auth/auth.service';
import { ThemeService } from './core/theme/theme.service';

/** Runs before the first navigation, so guards already know whether a stored session is still valid. */
export function initializeApp(): Promise<void> {
  inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
  inject(ThemeService).apply();
  return inject(AuthService).restore();
}
