import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, catchError, of, throwError } from 'rxjs';

import {
  type AboutDto,
  type DiskUsageDto,
  type HealthDto,
  type ReadinessDto,
  type ServiceHealthListDto,
  getAbout,
  getDisks,
  getHealth,
  getReadiness,
  getServiceHealth,
} from '../../api';
import { handledErrors } from './api-context';
import { ApiCaller } from './api-caller.service';

function isReadiness(body: unknown): body is ReadinessDto {
  return !!body && typeof body === 'object' && Array.isArray((body as ReadinessDto).checks);
}

/** Thin wrapper over the generated health functions. */
@Injectable({ providedIn: 'root' })
export class HealthClient {
  private readonly api = inject(ApiCaller);

  health(): Observable<HealthDto> {
    return this.api.call(getHealth, undefined);
  }

  about(): Observable<AboutDto> {
    return this.api.call(getAbout, undefined);
  }

  disks(): Observable<DiskUsageDto[]> {
    return this.api.call(getDisks, undefined);
  }

  services(): Observable<ServiceHealthListDto> {
    return this.api.call(getServiceHealth, undefined);
  }

  /** A degraded panel answers 503 with the same body: that is a result to show, not a failure. */
  readiness(): Observable<ReadinessDto> {
    return this.api
      .call(getReadiness, undefined, handledErrors([503]))
      .pipe(
        catchError((err: unknown) =>
          err instanceof HttpErrorResponse && err.status === 503 && isReadiness(err.error)
            ? of(err.error)
            : throwError(() => err),
        ),
      );
  }
}
