import type { SeededRandom } from '../core/random';
import type { Library, LibrarySpec, MediaItem } from './model';
import { bandName, workTitle } from './names';

const DAY = 86_400;
const LIBRARY_META: Record<LibrarySpec['type'], { agent: string; scanner: string; path: string }> = {
  movie: { agent: 'tv.plex.agents.movie', scanner: 'Plex Movie', path: '/data/movies' },
  show: { agent: 'tv.plex.agents.series', scanner: 'Plex TV Series', path: '/data/tv' },
  artist: { agent: 'tv.plex.agents.music', scanner: 'Plex Music', path: '/data/music' },
  photo: { agent: 'com.plexapp.agents.none', scanner: 'Plex Photo Scanner', path: '/data/photos' },
};

/** One library section with its items (movies; shows/seasons/episodes; artists/albums/tracks; photos). */
export function buildLibrary(
  spec: LibrarySpec,
  key: string,
  random: SeededRandom,
  nowS: number,
  nextKey: () => string,
  items: Map<string, MediaItem>,
): Library {
  const meta = LIBRARY_META[spec.type];
  const createdAt = nowS - random.int(300, 900) * DAY;
  const lib: Library = {
    key,
    title: spec.title,
    type: spec.type,
    agent: meta.agent,
    scanner: meta.scanner,
    language: 'en-US',
    uuid: `a3b1c2d4-0000-4000-8000-${key.padStart(12, '0')}`,
    createdAt,
    updatedAt: nowS - random.int(1, 20) * 3600,
    scannedAt: nowS - random.int(1, 20) * 3600,
    contentChangedAt: random.int(20_000, 90_000),
    hidden: 0,
    locationId: Number(key),
    path: meta.path,
    refreshingUntil: 0,
    itemsByType: new Map(),
    durationTotal: 0,
    storageTotal: 0,
  };
  const add = (item: Omit<MediaItem, 'ratingKey' | 'librarySectionID' | 'thumb' | 'guid' | 'addedAt'>) => {
    const ratingKey = nextKey();
    const addedAt = random.int(createdAt, nowS);
    const full: MediaItem = {
      ratingKey,
      librarySectionID: key,
      thumb: `/library/metadata/${ratingKey}/thumb/${addedAt}`,
      guid: `plex://${item.type}/${random.hex(24)}`,
      addedAt,
      ...item,
    };
    items.set(ratingKey, full);
    const list = lib.itemsByType.get(item.type) ?? [];
    list.push(full);
    lib.itemsByType.set(item.type, list);
    if (full.media) {
      lib.durationTotal += full.duration;
      lib.storageTotal += full.media.size;
    }
    return full;
  };
  const date = (year: number) =>
    `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const video = (title: string, duration: number, dir: string) => {
    const bitrate = random.int(2_500, 24_000);
    const hevc = random.chance(0.4);
    return {
      id: random.int(1, 9_999_999),
      partId: random.int(1, 9_999_999),
      container: random.chance(0.7) ? 'mkv' : 'mp4',
      videoCodec: hevc ? 'hevc' : 'h264',
      audioCodec: random.pick(['ac3', 'eac3', 'aac', 'dts']),
      videoResolution: bitrate > 15_000 ? '4k' : bitrate > 6_000 ? '1080' : '720',
      bitrate,
      file: `${meta.path}/${dir}/${title}.mkv`,
      size: Math.round((bitrate * 1000 * (duration / 1000)) / 8),
    };
  };

  for (let n = 0; n < spec.size; n++) {
    const title = workTitle(random);
    const year = random.int(1970, 2025);
    if (spec.type === 'movie') {
      const duration = random.int(80, 170) * 60_000;
      add({
        type: 'movie',
        title,
        year,
        duration,
        originallyAvailableAt: date(year),
        media: video(`${title} (${year})`, duration, `${title} (${year})`),
      });
    } else if (spec.type === 'show') {
      const seasons = random.int(1, 5);
      const epLength = random.pick([22, 30, 45, 55]) * 60_000;
      const show = add({
        type: 'show',
        title,
        year,
        duration: 0,
        originallyAvailableAt: date(year),
        childCount: seasons,
        leafCount: 0,
      });
      for (let s = 1; s <= seasons; s++) {
        const episodes = random.int(6, 12);
        const season = add({
          type: 'season',
          title: `Season ${s}`,
          year: year + s - 1,
          duration: 0,
          originallyAvailableAt: date(year + s - 1),
          index: s,
          parentRatingKey: show.ratingKey,
          parentTitle: title,
          leafCount: episodes,
        });
        show.leafCount = (show.leafCount ?? 0) + episodes;
        for (let e = 1; e <= episodes; e++) {
          const epTitle = e === 1 && s === 1 ? 'Pilot' : workTitle(random);
          const duration = epLength + random.int(-3, 3) * 60_000;
          add({
            type: 'episode',
            title: epTitle,
            year: season.year,
            duration,
            originallyAvailableAt: date(season.year),
            index: e,
            parentIndex: s,
            parentRatingKey: season.ratingKey,
            grandparentRatingKey: show.ratingKey,
            parentTitle: season.title,
            grandparentTitle: title,
            media: video(
              `S${String(s).padStart(2, '0')}E${String(e).padStart(2, '0')}`,
              duration,
              `${title}/Season ${s}`,
            ),
          });
        }
      }
    } else if (spec.type === 'artist') {
      const artistName = bandName(random);
      const artist = add({
        type: 'artist',
        title: artistName,
        year,
        duration: 0,
        originallyAvailableAt: date(year),
        childCount: 0,
      });
      for (let a = 1, albums = random.int(1, 4); a <= albums; a++) {
        const tracks = random.int(8, 14);
        const album = add({
          type: 'album',
          title: workTitle(random),
          year: year + a,
          duration: 0,
          originallyAvailableAt: date(year + a),
          index: a,
          parentRatingKey: artist.ratingKey,
          parentTitle: artistName,
          leafCount: tracks,
        });
        artist.childCount = a;
        for (let t = 1; t <= tracks; t++) {
          const duration = random.int(150, 360) * 1000;
          const bitrate = random.chance(0.5) ? 320 : random.int(700, 1100);
          add({
            type: 'track',
            title: workTitle(random),
            year: album.year,
            duration,
            originallyAvailableAt: album.originallyAvailableAt,
            index: t,
            parentIndex: 1,
            parentRatingKey: album.ratingKey,
            grandparentRatingKey: artist.ratingKey,
            parentTitle: album.title,
            grandparentTitle: artistName,
            media: {
              id: random.int(1, 9_999_999),
              partId: random.int(1, 9_999_999),
              container: bitrate === 320 ? 'mp3' : 'flac',
              audioCodec: bitrate === 320 ? 'mp3' : 'flac',
              bitrate,
              file: `${meta.path}/${artistName}/${album.title}/${t}.flac`,
              size: Math.round((bitrate * 1000 * (duration / 1000)) / 8),
            },
          });
        }
      }
    } else {
      add({
        type: 'photo',
        title: `IMG_${String(1000 + n)}`,
        year,
        duration: 0,
        originallyAvailableAt: date(year),
      });
    }
  }
  return lib;
}
