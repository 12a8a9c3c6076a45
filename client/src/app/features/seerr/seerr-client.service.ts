import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type SeerrConfigDto,
  type SeerrOverviewDto,
  type SeerrTestResultDto,
  type TestSeerrDto,
  type UpdateSeerrDto,
  getSeerr,
  testSeerr,
  updateSeerr,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** Thin wrapper over the generated Seerr functions. */
@Injectable({ providedIn: 'root' })
export class SeerrClient {
  private readonly api = inject(ApiCaller);

  /** Settings, live figures and sync times; 200 even when Seerr is down (`live.error` says why). */
  overview(): Observable<SeerrOverviewDto> {
    return this.api.call(getSeerr, undefined);
  }

  /** A rejected field is shown next to it, not in a snackbar. */
  update(body: UpdateSeerrDto): Observable<SeerrConfigDto> {
    return this.api.call(updateSeerr, { body }, handledErrors([400]));
  }

  /** Tests the given values, each absent one falling back to the saved setting. */
  test(body: TestSeerrDto): Observable<SeerrTestResultDto> {
    return this.api.call(testSeerr, { body }, handledErrors([400]));
  }
}
