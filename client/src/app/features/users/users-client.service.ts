import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type CreateUserDto,
  type CreatedUserDto,
  type DetailedUsersDto,
  type UpdateUserSettingsDto,
  type UserSettingsResultDto,
  createUser,
  listDetailedUsers,
  updateUserSettings,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** Thin wrapper over the generated user functions. */
@Injectable({ providedIn: 'root' })
export class UsersClient {
  private readonly api = inject(ApiCaller);

  /**
   * Every person across media servers and Seerr; unreadable servers are named in `server_errors`, an
   * unreadable Seerr in `seerr_error`, each shown from its last good list where there is one
   * (`stale_servers`, `seerr_stale`). `refresh` reads the lists anew instead of the server's cache.
   */
  detailed(refresh = false): Observable<DetailedUsersDto> {
    return this.api.call(listDetailedUsers, refresh ? { refresh: true } : undefined);
  }

  /** Block, immune and the toggles report failures in the snackbar. */
  updateSettings(username: string, body: UpdateUserSettingsDto): Observable<UserSettingsResultDto> {
    return this.api.call(updateUserSettings, { username, body });
  }

  /** The password dialog shows a rejected password (400) or a person without Seerr account (404) itself. */
  setPassword(username: string, password: string): Observable<UserSettingsResultDto> {
    return this.api.call(updateUserSettings, { username, body: { password } }, handledErrors([400, 404]));
  }

  /** The add-user dialog shows validation errors and Seerr's 409 (the person exists) itself. */
  create(body: CreateUserDto): Observable<CreatedUserDto> {
    return this.api.call(createUser, { body }, handledErrors([400, 409, 502]));
  }
}
