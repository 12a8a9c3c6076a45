import { BreakpointObserver } from '@angular/cdk/layout';
import { type Signal, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** A signal that follows a CSS media query; call in an injection context. */
export function mediaQuery(query: string): Signal<boolean> {
  const breakpoints = inject(BreakpointObserver);
  return toSignal(breakpoints.observe(query).pipe(map((state) => state.matches)), {
    initialValue: breakpoints.isMatched(query),
  });
}
