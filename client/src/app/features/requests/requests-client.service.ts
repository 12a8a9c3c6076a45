import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type RequestActionResultDto,
  type UserRequestsDto,
  approveUserRequest,
  declineUserRequest,
  deleteUserRequest,
  listUserRequests,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** Thin wrapper over the generated requests functions. */
@Injectable({ providedIn: 'root' })
export class RequestsClient {
  private readonly api = inject(ApiCaller);

  /** Seerr being down or slow (502/504) is shown on the page, naming Seerr, rather than in a snackbar. */
  list(): Observable<UserRequestsDto> {
    return this.api.call(listUserRequests, undefined, handledErrors([502, 504]));
  }

  /** A failed action (404 gone, 409 already decided, 502/504 Seerr) is reported by the error snackbar. */
  approve(id: number): Observable<RequestActionResultDto> {
    return this.api.call(approveUserRequest, { id });
  }

  decline(id: number): Observable<RequestActionResultDto> {
    return this.api.call(declineUserRequest, { id });
  }

  remove(id: number): Observable<RequestActionResultDto> {
    return this.api.call(deleteUserRequest, { id });
  }
}
