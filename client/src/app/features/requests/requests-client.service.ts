import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type UserRequestsDto, listUserRequests } from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** Thin wrapper over the generated requests function. */
@Injectable({ providedIn: 'root' })
export class RequestsClient {
  private readonly api = inject(ApiCaller);

  /** Seerr being down or slow (502/504) is shown on the page, naming Seerr, rather than in a snackbar. */
  list(): Observable<UserRequestsDto> {
    return this.api.call(listUserRequests, undefined, handledErrors([502, 504]));
  }
}
