import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type TokenResponseDto, login, logout, refresh } from '../../api';
import { ApiCaller } from '../api/api-caller.service';
import { NO_REFRESH, handledErrors, publicRequest } from '../api/api-context';

/** Thin wrapper over the generated auth functions, fixing which errors each caller reports itself. */
@Injectable({ providedIn: 'root' })
export class AuthClient {
  private readonly api = inject(ApiCaller);

  /** The login page shows wrong-credential and rate-limit errors inline. */
  login(username: string, password: string): Observable<TokenResponseDto> {
    return this.api.call(login, { body: { username, password } }, publicRequest([400, 401, 429]));
  }

  /** A failed refresh ends the session; the auth flow deals with it, not the snackbar. */
  refresh(refreshToken: string): Observable<TokenResponseDto> {
    return this.api.call(refresh, { body: { refresh_token: refreshToken } }, publicRequest([400, 401]));
  }

  /**
   * Logging out always succeeds locally, so a failure here is not worth a message. A 401 is returned
   * as is: a refresh would rotate the very token this call is meant to revoke.
   */
  logout(refreshToken: string): Observable<void> {
    return this.api.call(
      logout,
      { body: { refresh_token: refreshToken } },
      handledErrors('all').set(NO_REFRESH, true),
    );
  }
}
