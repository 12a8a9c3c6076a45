import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';

import { DateTimePipe } from '../../common/format/format.pipes';
import { EMPTY, catchError, debounceTime, finalize, map, switchMap, tap } from 'rxjs';

import { describeApiError } from '../../core/api/api-error';
import { remoteState } from '../../core/util/remote-state';
import { saveBlob } from '../../core/util/save-blob';
import { StateMessageComponent } from '../../common/state-message.component';
import { ContainersClient } from './containers-client.service';
import { type LogLine, appendLines, showLines } from './log-lines';

export interface ContainerLogsData {
  readonly name: string;
}

export const TAIL_CHOICES = [100, 500, 1000, 5000] as const;
const DEFAULT_TAIL = 500;
/** Lines a follow may add on top of the tail before the oldest go. */
const MAX_FOLLOWED = 5000;
const SEARCH_DEBOUNCE_MS = 200;

/**
 * One container's log: the last N lines, a live follow over the event stream, a search that keeps
 * the matching lines and marks the matches, stderr lines marked, and a download of the tail.
 */
@Component({
  selector: 'sp-container-logs-dialog',
  imports: [
    DateTimePipe,
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTooltipModule,
    StateMessageComponent,
  ],
  templateUrl: './container-logs-dialog.component.html',
  styleUrl: './container-logs-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerLogsDialogComponent {
  protected readonly data = inject<ContainerLogsData>(MAT_DIALOG_DATA);
  private readonly client = inject(ContainersClient);
  private readonly doc = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly tailChoices = TAIL_CHOICES;
  protected readonly tail = signal<number>(DEFAULT_TAIL);
  protected readonly following = signal(false);
  protected readonly followError = signal<string | null>(null);
  protected readonly downloading = signal(false);
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly needle = signal('');

  protected readonly logs = remoteState(this.tail, (tail) => this.client.logs(this.data.name, tail), {
    whileReloading: 'value',
  });
  private readonly followed = signal<readonly LogLine[]>([]);
  private readonly lines = computed(() =>
    appendLines(this.logs.value()?.lines ?? [], this.followed(), this.tail() + MAX_FOLLOWED),
  );
  protected readonly shown = computed(() => showLines(this.lines(), this.needle()));
  protected readonly summary = computed(() => {
    const all = this.lines().length;
    const lines = `${all.toLocaleString('en')} line${all === 1 ? '' : 's'}`;
    return this.needle() ? `${this.shown().length.toLocaleString('en')} of ${lines} match` : lines;
  });

  private readonly viewport = viewChild<ElementRef<HTMLElement>>('viewport');

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((value) => this.needle.set(value.trim()));

    // A new tail starts over: the lines followed before it are in the new read.
    toObservable(this.logs.value)
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        this.followed.set([]);
        this.scrollToEnd(true);
      });

    toObservable(this.following)
      .pipe(
        switchMap((on) =>
          on
            ? this.client.follow(this.data.name).pipe(
                tap(() => this.followError.set(null)),
                catchError((error: unknown) => {
                  this.followError.set(describeApiError(error));
                  this.following.set(false);
                  return EMPTY;
                }),
              )
            : EMPTY,
        ),
        takeUntilDestroyed(),
      )
      .subscribe((batch) => {
        const atEnd = this.atEnd();
        this.followed.update((lines) => [...lines, ...batch]);
        this.scrollToEnd(atEnd);
      });
  }

  protected setTail(tail: number): void {
    this.tail.set(tail);
  }

  protected reload(): void {
    this.logs.reload();
  }

  protected clearSearch(): void {
    this.search.setValue('');
    this.needle.set('');
  }

  protected download(): void {
    this.downloading.set(true);
    this.client
      .downloadLogs(this.data.name, this.tail())
      .pipe(
        map((text) => new Blob([text], { type: 'text/plain;charset=utf-8' })),
        finalize(() => this.downloading.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      // The error interceptor reports a failure.
      .subscribe({
        next: (blob) => saveBlob(blob, `${this.data.name}.log`, this.doc),
        error: () => undefined,
      });
  }

  /** Whether the log is scrolled to its end, so a new line should keep it there. */
  private atEnd(): boolean {
    const el = this.viewport()?.nativeElement;
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  }

  private scrollToEnd(wanted: boolean): void {
    if (!wanted) return;
    afterNextRender(
      () => {
        const el = this.viewport()?.nativeElement;
        if (el) el.scrollTop = el.scrollHeight;
      },
      { injector: this.injector },
    );
  }
}
