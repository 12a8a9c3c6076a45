import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';

import { type ChartSeries, MARGIN, hostWidth, labelStride, leftMargin, niceTicks } from './chart-scale';
import { pointerX, tooltipSide } from './chart-pointer';

const HEIGHT = 220;

interface Bar {
  readonly key: string;
  readonly series: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Stacked bars, one per category (a day), one colour per series. Drawn in SVG at the real width; a
 * visually hidden table holds the numbers for screen readers, the SVG carries a one-line summary.
 */
@Component({
  selector: 'sp-bar-chart',
  imports: [DecimalPipe],
  template: `
    <figure>
      <svg
        [attr.width]="width()"
        [attr.height]="height"
        role="img"
        [attr.aria-label]="summary()"
        data-testid="bar-chart-svg"
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
                {{ tick | number }}
              </text>
            }
          </g>
          <g aria-hidden="true">
            @if (readout(); as r) {
              <rect
                class="band"
                [attr.x]="r.band.x"
                [attr.y]="margin.top"
                [attr.width]="r.band.width"
                [attr.height]="plotHeight"
              />
            }
            @for (bar of bars(); track bar.key) {
              <rect
                [attr.class]="'s' + bar.series"
                [attr.x]="bar.x"
                [attr.y]="bar.y"
                [attr.width]="bar.width"
                [attr.height]="bar.height"
                rx="1.5"
              />
            }
            @for (label of xLabels(); track label.index) {
              <text
                class="tick"
                [attr.x]="label.x"
                [attr.y]="height - margin.bottom + 16"
                text-anchor="middle"
              >
                {{ label.text }}
              </text>
            }
          </g>
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
          <div class="title">{{ r.category }}</div>
          @for (row of r.rows; track row.name; let i = $index) {
            <div class="row">
              <span class="swatch" [attr.data-series]="i"></span>{{ row.name }}: {{ row.value | number }}
            </div>
          }
          @if (r.rows.length > 1) {
            <div class="row">Total: {{ r.total | number }}</div>
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
          @for (category of categories(); track $index; let i = $index) {
            <tr>
              <th scope="row">{{ category }}</th>
              @for (s of series(); track s.name) {
                <td>{{ s.values[i] }}</td>
              }
            </tr>
          }
        </tbody>
      </table>
    </figure>
  `,
  styleUrls: ['./chart.scss', './chart-tooltip.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BarChartComponent {
  /** What the chart shows, for the summary and the hidden table's caption. */
  readonly label = input.required<string>();
  /** Short labels of the bars, in order ("Nov 3"). */
  readonly categories = input.required<readonly string[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  readonly xLabel = input('');
  readonly yLabel = input('');

  /** The category under the pointer, for the read-out. */
  protected readonly hovered = signal<number | null>(null);
  protected readonly margin = MARGIN;
  protected readonly height = HEIGHT;
  protected readonly plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  protected readonly width = hostWidth();

  private readonly totals = computed(() =>
    this.categories().map((_, i) => this.series().reduce((sum, s) => sum + (s.values[i] ?? 0), 0)),
  );
  protected readonly ticks = computed(() => niceTicks(Math.max(0, ...this.totals()), 4, true));
  protected readonly left = computed(() => leftMargin(this.ticks().map((tick) => String(tick))));
  protected readonly plotWidth = computed(() => Math.max(0, this.width() - this.left() - MARGIN.right));
  private readonly top = computed(() => this.ticks()[this.ticks().length - 1] || 1);

  private readonly band = computed(() => this.plotWidth() / Math.max(1, this.categories().length));

  protected readonly readout = computed(() => {
    const index = this.hovered();
    const category = index === null ? undefined : this.categories()[index];
    if (index === null || category === undefined) return null;
    const x = this.left() + index * this.band();
    return {
      category,
      band: { x, width: this.band() },
      side: tooltipSide(x + this.band() / 2, this.width()),
      rows: this.series().map((s) => ({ name: s.name, value: s.values[index] ?? 0 })),
      total: this.totals()[index] ?? 0,
    };
  });

  protected readonly bars = computed((): Bar[] => {
    const band = this.band();
    const barWidth = Math.max(1, band * 0.7);
    const bars: Bar[] = [];
    this.categories().forEach((_, i) => {
      let base = 0;
      this.series().forEach((s, index) => {
        const value = s.values[i] ?? 0;
        if (value > 0) {
          const y0 = this.y(base);
          const y1 = this.y(base + value);
          bars.push({
            key: `${i}-${index}`,
            series: index,
            x: this.left() + i * band + (band - barWidth) / 2,
            y: y1,
            width: barWidth,
            height: Math.max(0.5, y0 - y1),
          });
          base += value;
        }
      });
    });
    return bars;
  });

  protected readonly xLabels = computed(() => {
    const count = this.categories().length;
    const band = this.plotWidth() / Math.max(1, count);
    const stride = labelStride(count, this.plotWidth(), 56);
    return this.categories()
      .map((text, index) => ({ text, index, x: this.left() + index * band + band / 2 }))
      .filter((label) => (count - 1 - label.index) % stride === 0);
  });

  protected readonly summary = computed(() => {
    const totals = this.totals();
    const sum = totals.reduce((a, b) => a + b, 0);
    const peak = Math.max(0, ...totals);
    const peakAt = this.categories()[totals.indexOf(peak)];
    const parts = [
      `${this.label()}: ${sum} in total over ${totals.length} ${this.xLabel().toLowerCase() || 'bars'}`,
    ];
    if (peak > 0 && peakAt) {
      parts.push(`most on ${peakAt} (${peak})`);
    }
    return `${parts.join(', ')}.`;
  });

  /** Follows the pointer to the bar under it. */
  protected point(event: PointerEvent): void {
    const index = Math.floor((pointerX(event) - this.left()) / Math.max(1, this.band()));
    this.hovered.set(index >= 0 && index < this.categories().length ? index : null);
  }

  protected y(value: number): number {
    return MARGIN.top + this.plotHeight * (1 - value / this.top());
  }
}
