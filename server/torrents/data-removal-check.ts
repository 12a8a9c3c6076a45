import type { TorrentClient } from './torrent-client.interface';
import { torrentsSharingData } from './shared-data';
import type { DataLocation, DataRefusal } from './torrent.types';
import type { TorrentDataCheckDto } from './torrents.dto';

/**
 * Why the data of each of `hashes` must not be deleted, read from the client before anything is removed:
 * the client cannot delete it safely (never overridable), or other loaded torrents use the same files
 * (overridable with `force`). Torrents removed together do not count as sharing with each other.
 */
export async function dataRefusals(
  client: TorrentClient,
  hashes: readonly string[],
  force: boolean,
): Promise<Map<string, { name: string; refusal: DataRefusal }>> {
  const { byHash, locations } = await read(client);
  const removing = new Set(hashes);
  const refusals = new Map<string, { name: string; refusal: DataRefusal }>();
  for (const hash of hashes) {
    const location = byHash.get(hash);
    if (!location) continue; // unknown hashes are answered by the removal itself
    const refusal = refusalOf(location, locations, removing);
    if (refusal && !(force && !location.refusal)) refusals.set(hash, { name: location.name, refusal });
  }
  return refusals;
}

/** `POST …/torrents/data-check`: what "also delete the data" would do to each torrent, before asking. */
export async function checkDataRemoval(
  client: TorrentClient,
  hashes: readonly string[],
): Promise<TorrentDataCheckDto[]> {
  const { byHash, locations } = await read(client);
  const removing = new Set(hashes);
  return hashes.map((hash) => {
    const location = byHash.get(hash);
    if (!location) {
      const reason = `${client.service} has no torrent with this hash`;
      return { hash, name: null, path: null, deletable: false, forceable: false, reason, shared_with: [] };
    }
    const refusal = refusalOf(location, locations, removing);
    return {
      hash,
      name: location.name,
      path: location.path || null,
      deletable: refusal === null,
      forceable: refusal !== null && location.refusal === null,
      reason: refusal?.reason ?? null,
      shared_with: refusal?.shared_with ?? [],
    };
  });
}

async function read(client: TorrentClient) {
  const locations = await client.dataLocations();
  return { locations, byHash: new Map(locations.map((l) => [l.hash, l])) };
}

function refusalOf(
  location: DataLocation,
  all: readonly DataLocation[],
  removing: ReadonlySet<string>,
): DataRefusal | null {
  if (location.refusal) return location.refusal;
  const shared = torrentsSharingData(location, all).filter((t) => !removing.has(t.hash));
  if (!shared.length) return null;
  return { reason: 'other torrents use the same files', path: location.path || null, shared_with: shared };
}
