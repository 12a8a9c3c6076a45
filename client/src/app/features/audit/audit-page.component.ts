import { DOCUMENT, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import { catchError, finalize, map, of, throwError } from 'rxjs';

import { mediaQuery } from '../../core/util/media-query';
import { remoteState } from '../../core/util/remote-state';
import { saveBlob } from '../../core/util/save-blob';
import { StateMessageComponent } from '../../common/state-message.component';
import { AuditClient } from './audit-client.service';
import { AuditFiltersComponent } from './audit-filters.component';
import {
  type AuditFilters,
  type AuditQuery,
  hasFilters,
  dateRangeProblem,
  queryFromParams,
  queryToParams,
} from './audit-query';
import { type AuditPageChange, type AuditSortChange, AuditTableComponent } from './audit-table.component';

@Component({
  selector: 'sp-audit-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    DecimalPipe,
    AuditFiltersComponent,
    AuditTableComponent,
    StateMessageComponent,
  ],
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly audit = inject(AuditClient);
  private readonly doc = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  /** The URL holds filters, sorting and paging, so views can be bookmarked and shared. */
  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(queryFromParams)), {
    requireSync: true,
  });
  protected readonly filtered = computed(() => hasFilters(this.query()));
  protected readonly compact = mediaQuery('(max-width: 719.98px)');
  protected readonly actions = toSignal(this.audit.actions().pipe(catchError(() => of([]))), {
    initialValue: [] as string[],
  });

  /** A range that selects nothing is said on the page; the server would refuse it anyway. */
  protected readonly rangeProblem = computed(() => dateRangeProblem(this.query()));
  private readonly page = remoteState(
    this.query,
    (query) => {
      const problem = dateRangeProblem(query);
      return problem ? throwError(() => new Error(problem)) : this.audit.list(query);
    },
    { whileReloading: 'shown' },
  );
  protected readonly loading = this.page.fetching;
  protected readonly downloading = signal(false);
  protected readonly result = this.page.value;
  protected readonly error = this.page.error;

  protected reload(): void {
    this.page.reload();
  }

  protected onFilters(filters: AuditFilters): void {
    this.navigate({ ...filters, page: 1 });
  }

  protected onSort(change: AuditSortChange): void {
    this.navigate({ ...change, page: 1 });
  }

  protected onPage(change: AuditPageChange): void {
    this.navigate(change);
  }

  protected download(): void {
    this.downloading.set(true);
    this.audit
      .exportCsv(this.query())
      .pipe(
        finalize(() => this.downloading.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (csv) =>
          saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), 'audit-log.csv', this.doc),
        // The error interceptor has already shown what went wrong.
        error: () => undefined,
      });
  }

  private navigate(patch: Partial<AuditQuery>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryToParams({ ...this.query(), ...patch }),
      replaceUrl: true,
    });
  }
}
