import { Injectable, inject } from '@angular/core';
import { type Observable, catchError, shareReplay, throwError } from 'rxjs';

import { type SeerrPermissionsDto, getSeerrPermissions } from '../api';
import { ApiCaller } from '../core/api/api-caller.service';

/** Seerr's permission table from the server, read once per session (it is fixed in the server's code). */
@Injectable({ providedIn: 'root' })
export class SeerrPermissionsService {
  private readonly api = inject(ApiCaller);
  private cached: Observable<SeerrPermissionsDto> | null = null;

  table(): Observable<SeerrPermissionsDto> {
    this.cached ??= this.api.call(getSeerrPermissions, undefined).pipe(
      catchError((error: unknown) => {
        this.cached = null;
        return throwError(() => error);
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.cached;
  }
}
