import type { SeededRandom } from '../core/random';

const ADJECTIVES = [
  'Silent',
  'Crimson',
  'Hidden',
  'Last',
  'Broken',
  'Golden',
  'Distant',
  'Frozen',
  'Electric',
  'Midnight',
  'Wild',
  'Hollow',
  'Burning',
  'Quiet',
  'Restless',
  'Northern',
  'Velvet',
  'Iron',
  'Paper',
  'Neon',
];
const NOUNS = [
  'Harbor',
  'Orchard',
  'Signal',
  'Kingdom',
  'River',
  'Frontier',
  'Lantern',
  'Garden',
  'Empire',
  'Circuit',
  'Canyon',
  'Mirror',
  'Voyage',
  'Tide',
  'Station',
  'Compass',
  'Horizon',
  'Archive',
  'Machine',
  'Meadow',
];
const BANDS = ['Owls', 'Satellites', 'Foxes', 'Engines', 'Lanterns', 'Parades', 'Ghosts', 'Rivers', 'Comets'];

/** "The Silent Harbor", "Crimson Signal", … — invented titles, repeats allowed. */
export function workTitle(random: SeededRandom): string {
  const title = `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
  return random.chance(0.35) ? `The ${title}` : title;
}

export function bandName(random: SeededRandom): string {
  return `The ${random.pick(ADJECTIVES)} ${random.pick(BANDS)}`;
}

export interface DeviceTemplate {
  product: string;
  platform: string;
  platformVersion: string;
  device: string;
  version: string;
  name: string;
}

export const DEVICE_TEMPLATES: readonly DeviceTemplate[] = [
  {
    product: 'Plex Web',
    platform: 'Chrome',
    platformVersion: '124.0',
    device: 'Windows',
    version: '4.128.1',
    name: 'Chrome',
  },
  {
    product: 'Plex for Android (TV)',
    platform: 'Android',
    platformVersion: '11',
    device: 'SHIELD Android TV',
    version: '10.14.0.323',
    name: 'Living Room',
  },
  {
    product: 'Plex for iOS',
    platform: 'iOS',
    platformVersion: '17.4',
    device: 'iPhone',
    version: '8.33',
    name: 'iPhone',
  },
  {
    product: 'Plex for Roku',
    platform: 'Roku',
    platformVersion: '12.5',
    device: 'Roku Ultra',
    version: '8.3.1',
    name: 'Bedroom Roku',
  },
  {
    product: 'Plex HTPC',
    platform: 'Linux',
    platformVersion: '6.1',
    device: 'PC',
    version: '1.58.0',
    name: 'HTPC',
  },
  {
    product: 'Plex for Windows',
    platform: 'Windows',
    platformVersion: '10.0.22631',
    device: 'PC',
    version: '1.90.1',
    name: 'DESKTOP-1',
  },
  {
    product: 'Plexamp',
    platform: 'macOS',
    platformVersion: '14.4',
    device: 'Mac',
    version: '4.10.1',
    name: 'MacBook',
  },
];
