import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import { type AuditPageDto, exportAuditEntries, listAuditActions, listAuditEntries } from '../../api';
import { type AuditFilters, type AuditQuery, apiFilters } from './audit-query';
import { ApiCaller } from '../../core/api/api-caller.service';

/** Thin wrapper over the generated audit functions. */
@Injectable({ providedIn: 'root' })
export class AuditClient {
  private readonly api = inject(ApiCaller);

  list(query: AuditQuery): Observable<AuditPageDto> {
    return this.api.call(listAuditEntries, {
      ...apiFilters(query),
      page: query.page,
      page_size: query.pageSize,
      sort: query.sort,
      order: query.order,
    });
  }

  latest(count: number): Observable<AuditPageDto> {
    return this.api.call(listAuditEntries, { page: 1, page_size: count, sort: 'time', order: 'desc' });
  }

  actions(): Observable<string[]> {
    return this.api.call(listAuditActions, undefined).pipe(map((result) => result.actions));
  }

  /** The CSV text of every entry matching the filters. */
  exportCsv(filters: AuditFilters): Observable<string> {
    return this.api.call(exportAuditEntries, apiFilters(filters));
  }
}
