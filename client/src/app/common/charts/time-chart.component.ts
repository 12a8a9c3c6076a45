import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';

import { ClockPreferenceService } from '../format/clock-preference.service';
import { formatDateTime } from '../format/dates';
import { type ChartSeries, MARGIN, hostWidth, leftMargin, niceTicks } from './chart-scale';
import { pointerX, tooltipSide } from './chart-pointer';
import { timeTicks } from './time-axis';

const HEIGHT = 200;
/** Room a time label needs on the axis, in px. */
const LABEL_GAP = 72;

/**
 * Values sampled over time: the first series as a filled area, the others as lines. Drawn in SVG at
 * the real width; a visually hidden table holds the latest samples, the SVG a one-line summary.
 */
@Component({
  selector: 'sp-time-chart',
  template: `
    <figure>
      <svg
        [attr.width]="width()"
        [attr.height]="height"
        role="img"
        [attr.aria-label]="summary()"
        (pointermove)="point($event)"
        (pointerdown)="point($event)"
        (pointerleave)="hovered.set(null)"
      >
        @if (width() > 0) {
          <g class="grid" aria-hidden="true">
            @for (tick of ticks(); track tick) {
              <line
                [attr.x1]="left()"
                [attr.x2]="width() - margin.right"
                [attr.y1]="y(tick)"
                [attr.y2]="y(tick)"
              />
              <text class="tick" [attr.x]="left() - 6" [attr.y]="y(tick)" text-anchor="end" dy="0.32em">
                {{ format()(tick) }}
              </text>
            }
          </g>
          <g aria-hidden="true">
            @for (line of lines(); track line.index) {
              @if (line.index === 0) {
                <path class="area s0" [attr.d]="line.area" />
              }
              <path [attr.class]="'line s' + line.index" [attr.d]="line.path" />
              @if (line.last; as last) {
                <circle [attr.class]="'s' + line.index" [attr.cx]="last.x" [attr.cy]="last.y" r="3" />
              }
            }
            @for (label of xLabels(); track label.time) {
              <text
                class="tick"
                [attr.x]="label.x"
                [attr.y]="height - margin.bottom + 16"
                [attr.text-anchor]="label.anchor"
              >
                {{ label.text }}
              </text>
            }
          </g>
          @if (readout(); as r) {
            <g aria-hidden="true">
              <line class="cursor" [attr.x1]="r.x" [attr.x2]="r.x" [attr.y1]="margin.top" [attr.y2]="y(0)" />
              @for (dot of r.dots; track $index) {
                <circle [attr.class]="'s' + $index" [attr.cx]="r.x" [attr.cy]="dot" r="4" />
              }
            </g>
          }
          <text class="axis" [attr.x]="left() + plotWidth() / 2" [attr.y]="height - 4" text-anchor="middle">
            {{ xLabel() }}
          </text>
          <text
            class="axis"
            text-anchor="middle"
            [attr.transform]="'translate(14 ' + (margin.top + plotHeight / 2) + ') rotate(-90)'"
          >
            {{ yLabel() }}
          </text>
        }
      </svg>
      @if (readout(); as r) {
        <div
          class="tooltip"
          aria-hidden="true"
          data-testid="chart-tooltip"
          [style.top.px]="margin.top"
          [style.left.px]="r.side.left"
          [style.right.px]="r.side.right"
        >
          <div class="title">{{ r.time }}</div>
          @for (row of r.rows; track row.name; let i = $index) {
            <div class="row">
              <span class="swatch" [attr.data-series]="i"></span>{{ row.name }}: {{ row.value }}
            </div>
          }
        </div>
      }
      @if (series().length > 1) {
        <ul class="legend" aria-hidden="true">
          @for (s of series(); track s.name; let i = $index) {
            <li><span class="swatch" [attr.data-series]="i"></span>{{ s.name }}</li>
          }
        </ul>
      }
      <table class="sp-visually-hidden">
        <caption>
          {{
            label()
          }}
          (latest samples)
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ xLabel() }}</th>
            @for (s of series(); track s.name) {
              <th scope="col">{{ s.name }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of tableRows(); track row.time) {
            <tr>
              <th scope="row">{{ row.time }}</th>
              @for (value of row.values; track $index) {
                <td>{{ value }}</td>
              }
            </tr>
          }
        </tbody>
      </table>
    </figure>
  `,
  styleUrls: ['./chart.scss', './chart-tooltip.scss'],
  styles: `
    .area {
      stroke: none;
      opacity: 0.18;
    }
    .line {
      fill: none;
      stroke-width: 2;
      stroke-linejoin: round;
    }
    .line:not(.s0) {
      stroke-dasharray: 5 3;
    }
    .swatch {
      height: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimeChartComponent {
  /** What the chart shows, for the summary and the hidden table's caption. */
  readonly label = input.required<string>();
  /** When each sample was taken, in ms since the epoch, oldest first. */
  readonly times = input.required<readonly number[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  readonly xLabel = input('Time');
  readonly yLabel = input('');
  /** Formats a value for the ticks, the summary and the table ("12.5 Mbps"). */
  readonly format = input<(value: number) => string>((value) => String(value));

  private readonly clock = inject(ClockPreferenceService).clock;
  /** The sample under the pointer, for the read-out. */
  protected readonly hovered = signal<number | null>(null);
  protected readonly margin = MARGIN;
  protected readonly height = HEIGHT;
  protected readonly plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  protected readonly width = hostWidth();

  protected readonly ticks = computed(() =>
    niceTicks(Math.max(0, ...this.series().flatMap((s) => s.values)), 4),
  );
  protected readonly left = computed(() => leftMargin(this.ticks().map((tick) => this.format()(tick))));
  protected readonly plotWidth = computed(() => Math.max(0, this.width() - this.left() - MARGIN.right));
  private readonly top = computed(() => this.ticks()[this.ticks().length - 1] || 1);
  private readonly span = computed(() => {
    const times = this.times();
    const first = times[0] ?? 0;
    const last = times[times.length - 1] ?? first;
    return { first, length: last - first };
  });

  protected readonly lines = computed(() =>
    this.series().map((s, index) => {
      const points = s.values.map((value, i) => ({ x: this.x(this.times()[i]), y: this.y(value) }));
      const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
      const baseline = this.y(0).toFixed(1);
      const area =
        points.length > 0
          ? `${path}L${points[points.length - 1].x.toFixed(1)},${baseline}L${points[0].x.toFixed(1)},${baseline}Z`
          : '';
      return { index, path, area, last: points[points.length - 1] ?? null };
    }),
  );

  protected readonly xLabels = computed(() => {
    const { first, length } = this.span();
    const ticks = timeTicks(first, first + length, this.plotWidth(), LABEL_GAP, this.clock());
    const right = this.left() + this.plotWidth();
    return ticks.map((tick) => {
      const x = this.x(tick.time);
      // A label at an edge of the plot grows inwards instead of past it.
      const anchor = x - this.left() < LABEL_GAP / 2 ? 'start' : right - x < LABEL_GAP / 2 ? 'end' : 'middle';
      return { ...tick, x, anchor };
    });
  });

  protected readonly readout = computed(() => {
    const index = this.hovered();
    const time = index === null ? undefined : this.times()[index];
    if (index === null || time === undefined) return null;
    const x = this.x(time);
    return {
      x,
      side: tooltipSide(x, this.width()),
      time: formatDateTime(time, 'time-s', this.clock()),
      dots: this.series().map((s) => this.y(s.values[index] ?? 0)),
      rows: this.series().map((s) => ({ name: s.name, value: this.format()(s.values[index] ?? 0) })),
    };
  });

  protected readonly tableRows = computed(() => {
    const times = this.times();
    const from = Math.max(0, times.length - 10);
    return times.slice(from).map((time, i) => ({
      time: formatDateTime(time, 'time-s', this.clock()),
      values: this.series().map((s) => this.format()(s.values[from + i] ?? 0)),
    }));
  });

  protected readonly summary = computed(() => {
    const main = this.series()[0];
    const times = this.times();
    if (!main || main.values.length === 0) {
      return `${this.label()}: no samples yet.`;
    }
    const latest = main.values[main.values.length - 1];
    const peak = Math.max(...main.values);
    const minutes = Math.round((times[times.length - 1] - times[0]) / 60_000);
    const window = minutes >= 1 ? `over the last ${minutes} min` : 'over the last minute';
    return `${this.label()} ${window}: ${main.name.toLowerCase()} now ${this.format()(latest)}, peak ${this.format()(peak)}.`;
  });

  /** Follows the pointer to the nearest sample. */
  protected point(event: PointerEvent): void {
    const times = this.times();
    if (times.length === 0) return;
    const { first, length } = this.span();
    const at = first + (length * (pointerX(event) - this.left())) / Math.max(1, this.plotWidth());
    let nearest = 0;
    times.forEach((time, i) => {
      if (Math.abs(time - at) < Math.abs(times[nearest] - at)) nearest = i;
    });
    this.hovered.set(nearest);
  }

  protected x(time: number): number {
    const { first, length } = this.span();
    // A single sample sits at the right edge, where the newest one always is.
    return this.left() + (length > 0 ? (this.plotWidth() * (time - first)) / length : this.plotWidth());
  }

  protected y(value: number): number {
    return MARGIN.top + this.plotHeight * (1 - value / this.top());
  }
}
