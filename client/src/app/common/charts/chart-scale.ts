import { DestroyRef, ElementRef, type Signal, afterNextRender, inject, signal } from '@angular/core';

/** One named row of values, in the order of the chart's categories or times. */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly number[];
}

/** Space around the plot for tick labels and axis titles, in px; the left one fits the tick labels. */
export const MARGIN = { top: 12, right: 12, bottom: 40 } as const;

/** Room for the rotated axis title and the longest tick label (label-small digits are about 6.5 px). */
export function leftMargin(tickLabels: readonly string[]): number {
  return Math.ceil(30 + 6.5 * Math.max(1, ...tickLabels.map((label) => label.length)));
}

/**
 * Round tick values from 0 to at least `max` (steps of 1, 2, 2.5 or 5 × 10ⁿ), about `count` of them.
 * `integer` keeps steps whole, for counts.
 */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const multiples = integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = multiples.map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  if (integer) {
    step = Math.max(1, Math.round(step));
  }
  const ticks: number[] = [];
  for (let i = 0; i * step < top + step / 2 && ticks.length <= count + 2; i++) {
    ticks.push(Number((i * step).toPrecision(12)));
  }
  if (ticks[ticks.length - 1] < top) {
    ticks.push(Number((ticks.length * step).toPrecision(12)));
  }
  return ticks;
}

/** Every how many labels to draw so that each gets at least `minGap` px. */
export function labelStride(count: number, plotWidth: number, minGap: number): number {
  if (count <= 0 || plotWidth <= 0) {
    return 1;
  }
  return Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotWidth / minGap))));
}

/**
 * The rendered width of the host element, followed with a ResizeObserver, so a chart draws in real px
 * (text keeps its size on a phone, unlike a scaled viewBox). 0 until the first layout.
 */
export function hostWidth(): Signal<number> {
  const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  const destroyRef = inject(DestroyRef);
  const width = signal(0);
  afterNextRender(() => {
    const observer = new ResizeObserver(([entry]) => width.set(Math.floor(entry.contentRect.width)));
    observer.observe(host);
    destroyRef.onDestroy(() => observer.disconnect());
  });
  return width.asReadonly();
}
