/** A small seeded PRNG (mulberry32): the same seed always builds the same simulator state. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

const FIRST = [
  'alex',
  'sam',
  'jordan',
  'casey',
  'riley',
  'morgan',
  'taylor',
  'jamie',
  'robin',
  'avery',
  'quinn',
  'drew',
  'harper',
  'rowan',
  'sage',
  'emery',
  'finley',
  'kai',
  'logan',
  'marlow',
  'noel',
  'parker',
  'reese',
  'skyler',
];
const LAST = [
  'smith',
  'jones',
  'garcia',
  'miller',
  'davis',
  'lopez',
  'wilson',
  'moore',
  'clark',
  'lewis',
  'walker',
  'young',
  'king',
  'wright',
  'hill',
  'green',
  'baker',
  'adams',
  'nelson',
  'carter',
];

/** The n-th user name of a deterministic, collision-free sequence: `alex.smith`, `alex.smith2`, … */
export function userName(n: number): string {
  const first = FIRST[n % FIRST.length];
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length];
  const round = Math.floor(n / (FIRST.length * LAST.length));
  return `${first}.${last}${round ? round + 1 : ''}`;
}
