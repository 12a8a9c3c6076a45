import type { HashOutcome } from './torrent-client.interface';
import type { DataRefusal } from './torrent.types';

const MAX_NAMED = 3;

function names(shared: DataRefusal['shared_with']): string {
  const named = shared.slice(0, MAX_NAMED).map((t) => `"${t.name}"`);
  const more = shared.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(' and ');
}

/** The sentence for a removal with data that was refused before anything was removed. */
export function dataRefusalSentence(service: string, torrent: string, refusal: DataRefusal): string {
  const where = refusal.path ? ` at ${refusal.path}` : '';
  if (refusal.shared_with.length) {
    return (
      `The data of "${torrent}"${where} is also used by ${names(refusal.shared_with)} in ${service}; ` +
      'nothing was removed. Remove the torrent only, or force the deletion to break the other torrents.'
    );
  }
  return (
    `The panel cannot delete the data of "${torrent}" safely: ${refusal.reason}. Nothing was removed; ` +
    `remove the torrent only, then delete its data${where} by hand.`
  );
}

/** A batch outcome for a torrent left as it was because its data could not be deleted. */
export function refusedRemoval(
  service: string,
  hash: string,
  name: string,
  refusal: DataRefusal,
): HashOutcome<never> {
  return { hash, ok: false, notFound: false, error: dataRefusalSentence(service, name, refusal), refusal };
}
