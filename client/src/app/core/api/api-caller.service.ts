import { HttpClient, type HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import { ApiConfiguration } from '../../api/api-configuration';
import { type StrictHttpResponse } from '../../api/strict-http-response';

type GeneratedFn<P, R> = (
  http: HttpClient,
  rootUrl: string,
  params: P,
  context?: HttpContext,
) => Observable<StrictHttpResponse<R>>;

/**
 * Invokes a generated ng-openapi-gen function and unwraps the body. Unlike the generated `Api.invoke`
 * (which returns Promises) this stays an Observable, so callers can cancel with switchMap.
 */
@Injectable({ providedIn: 'root' })
export class ApiCaller {
  private readonly http = inject(HttpClient);
  private readonly config = inject(ApiConfiguration);

  call<P, R>(fn: GeneratedFn<P, R>, params: P, context?: HttpContext): Observable<R> {
    return fn(this.http, this.config.rootUrl, params, context).pipe(map((response) => response.body));
  }
}
