import type { SeededRandom } from '../core';

/** A TMDB title as Seerr's /movie/{id} and /tv/{id} proxy it (only what a sync UI reads). */
export interface SeerrTitle {
  tmdbId: number;
  kind: 'movie' | 'tv';
  title: string;
  date: string;
  overview: string;
  posterPath: string;
  numberOfSeasons: number;
}

const ADJECTIVES = ['Silent', 'Last', 'Hidden', 'Broken', 'Golden', 'Northern', 'Distant', 'Crimson'];
const ADJECTIVES_2 = ['Wild', 'Frozen', 'Lost', 'Electric', 'Quiet', 'Burning', 'Hollow', 'Secret'];
const NOUNS = ['Harbor', 'Kingdom', 'Signal', 'Orchard', 'Frontier', 'Archive', 'Lighthouse', 'Engine'];
const NOUNS_2 = ['River', 'Garden', 'Station', 'Summit', 'Circuit', 'Canyon', 'Library', 'Voyage'];

export function makeTitle(rng: SeededRandom, tmdbId: number, kind: 'movie' | 'tv'): SeerrTitle {
  const words = [rng.pick([...ADJECTIVES, ...ADJECTIVES_2]), rng.pick([...NOUNS, ...NOUNS_2])];
  const title = rng.chance(0.4) ? `The ${words.join(' ')}` : words.join(' ');
  const year = rng.int(1975, 2025);
  const date = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  return {
    tmdbId,
    kind,
    title,
    date,
    overview: `${title}: a ${kind === 'movie' ? 'film' : 'series'} from ${year}.`,
    posterPath: `/${rng.hex(27)}.jpg`,
    numberOfSeasons: kind === 'tv' ? rng.int(1, 9) : 0,
  };
}
