import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';

import { safeReturnUrl } from './return-url';
import { SessionStore } from './session.store';

/** Keeps signed-in users away from the login page. */
export const guestGuard: CanActivateFn = (route) => {
  if (!inject(SessionStore).isLoggedIn()) {
    return true;
  }
  return inject(Router).parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};
