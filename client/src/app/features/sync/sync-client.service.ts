import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import {
  type SyncApprovalPreviewDto,
  type SyncOptionsDto,
  type SyncPlanDto,
  type SyncRunDetailDto,
  type SyncRunPageDto,
  type SyncStartedDto,
  type SyncStatusDto,
  type RunCredentialsDto,
  approveSyncRun,
  exportSyncRunCredentials,
  getSyncRunCredentials,
  getSyncRun,
  getSyncStatus,
  listSyncRuns,
  previewSync,
  previewSyncApproval,
  startSync,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

const runId = map((started: SyncStartedDto) => started.run_id);

/** Thin wrapper over the generated sync functions. */
@Injectable({ providedIn: 'root' })
export class SyncClient {
  private readonly api = inject(ApiCaller);

  /** The page shows why a preview failed (Seerr down, no media server) in place of the plan. */
  preview(options: SyncOptionsDto): Observable<SyncPlanDto> {
    return this.api.call(previewSync, { body: options }, handledErrors('all'));
  }

  /** Started from the UI, so the run's trigger is "manual" rather than "api". */
  start(options: SyncOptionsDto): Observable<number> {
    return this.api.call(startSync, { body: { ...options, from_ui: true } }).pipe(runId);
  }

  /** Whom approving the run deletes now (the server re-plans); failures go to the snackbar. */
  approvalPreview(id: number): Observable<SyncApprovalPreviewDto> {
    return this.api.call(previewSyncApproval, { id });
  }

  approve(id: number): Observable<number> {
    return this.api.call(approveSyncRun, { id }).pipe(runId);
  }

  status(): Observable<SyncStatusDto> {
    return this.api.call(getSyncStatus, undefined);
  }

  runs(page: number, pageSize: number): Observable<SyncRunPageDto> {
    return this.api.call(listSyncRuns, { page, page_size: pageSize });
  }

  /** Sign-in and first password of the run's new accounts (audited; passwords made again, never stored). */
  credentials(id: number): Observable<RunCredentialsDto> {
    return this.api.call(getSyncRunCredentials, { id });
  }

  credentialsCsv(id: number): Observable<string> {
    return this.api.call(exportSyncRunCredentials, { id });
  }

  /** A missing run (404) is shown on the run page itself. */
  run(id: number): Observable<SyncRunDetailDto> {
    return this.api.call(getSyncRun, { id }, handledErrors([404]));
  }
}
