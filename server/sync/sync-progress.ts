import { Injectable } from '@nestjs/common';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { SyncProgressDto } from './sync.dto';

/** The progress of the run in flight, for the status route and the server-sent events stream. */
@Injectable()
export class SyncProgress {
  private readonly subject = new BehaviorSubject<SyncProgressDto | null>(null);

  get current(): SyncProgressDto | null {
    return this.subject.value;
  }

  get changes(): Observable<SyncProgressDto | null> {
    return this.subject.asObservable();
  }

  report(progress: SyncProgressDto): void {
    this.subject.next(progress);
  }

  /** Counts one more finished item of the current phase. */
  step(): void {
    const value = this.subject.value;
    if (value) this.subject.next({ ...value, done: value.done + 1 });
  }
}
