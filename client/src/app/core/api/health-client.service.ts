import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type HealthDto, type ReadinessDto, getHealth, getReadiness } from '../../api';
import { ApiCaller } from './api-caller.service';

/** Thin wrapper over the generated health functions. */
@Injectable({ providedIn: 'root' })
export class HealthClient {
  private readonly api = inject(ApiCaller);

  health(): Observable<HealthDto> {
    return this.api.call(getHealth, undefined);
  }

  readiness(): Observable<ReadinessDto> {
    return this.api.call(getReadiness, undefined);
  }
}
