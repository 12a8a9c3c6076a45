import { type Page } from 'playwright-core';

/** WCAG AA: 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold). */
export interface ContrastProblem {
  readonly text: string;
  readonly ratio: number;
  readonly color: string;
  readonly background: string;
}

/**
 * Every visible piece of text on the page whose contrast with what is behind it is under WCAG AA.
 * Colours are read through a canvas, so any CSS colour syntax works; backgrounds are composited up the
 * ancestors (translucent layers over the opaque one below), and opacity dims the text. Disabled
 * controls are exempt, as WCAG has them; icons are not text. (A page script: the test build has no DOM types.)
 */
export function lowContrastText(page: Page): Promise<ContrastProblem[]> {
  return page.evaluate<ContrastProblem[]>(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const cache = new Map();
    const parse = (css) => {
      if (!cache.has(css)) {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = 'rgba(0, 0, 0, 0)';
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
        cache.set(css, [r, g, b, a / 255]);
      }
      return cache.get(css);
    };
    const over = (top, below) => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1);
    };
    const background = (el) => {
      const layers = [];
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 0.999) break;
      }
      let base = [255, 255, 255, 1];
      if (!layers.length || layers[layers.length - 1][3] < 0.999) {
        base = document.documentElement.dataset.theme === 'dark' ? [0, 0, 0, 1] : [255, 255, 255, 1];
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), base);
    };
    const luminance = (c) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const exempt = '[disabled], [aria-disabled="true"], .mat-mdc-button-disabled, .mdc-list-item--disabled, '
      + '.mat-mdc-option-disabled, mat-icon, svg, .sp-visually-hidden, .cdk-visually-hidden, '
      + '.mat-form-field-disabled, .mat-mdc-select-disabled, .mdc-text-field--disabled, .mat-mdc-tooltip';
    const css = (c) => 'rgb(' + c.slice(0, 3).map(Math.round).join(', ') + ')';
    const problems = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || !el || seen.has(el) || el.closest(exempt)) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || !el.getClientRects().length) continue;
      let opacity = 1;
      for (let up = el; up; up = up.parentElement) opacity *= Number(getComputedStyle(up).opacity);
      if (opacity === 0) continue;
      const bg = background(el);
      const fg = parse(style.color);
      const shown = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
      const [hi, lo] = [luminance(shown), luminance(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        problems.push({ text: text.slice(0, 40), ratio: Math.round(ratio * 100) / 100, color: css(shown), background: css(bg) });
      }
    }
    return problems;
  })()`);
}

/** A computed "rgb(r, g, b)" as numbers. */
function rgbOf(css: string): [number, number, number] {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
}

function lab([r, g, b]: [number, number, number]): [number, number, number] {
  const linear = [r, g, b].map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  // sRGB to XYZ (D65), relative to the white point, then to CIELAB.
  const x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.95047;
  const y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  const z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/**
 * How far apart two computed colours look (CIE76 ΔE): about 2 is just noticeable, over 20 reads as a
 * different colour at a glance.
 */
export function colourDifference(a: string, b: string): number {
  const [l1, a1, b1] = lab(rgbOf(a));
  const [l2, a2, b2] = lab(rgbOf(b));
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}
