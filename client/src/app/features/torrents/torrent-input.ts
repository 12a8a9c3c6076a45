/**
 * As the server checks it: an http(s) URL of a .torrent file, or a magnet link that carries its
 * info-hash (`xt=urn:btih:` with 40 hex or 32 base32 characters).
 */
export const TORRENT_URL =
  /^(https?:\/\/[^\s/?#]+\S*|magnet:\?(?=(?:\S*&)?xt=urn:btih:(?:[0-9a-f]{40}|[a-z2-7]{32})(?:&|$))\S+)$/i;

/** The largest .torrent the server takes. */
export const MAX_TORRENT_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Why a file cannot be a .torrent, or null when it may be one: a .torrent is a bencoded dictionary
 * (it starts with "d") that has an "info" dictionary. The server checks it fully.
 */
export async function torrentFileProblem(file: Blob & { name?: string }): Promise<string | null> {
  const name = file.name ?? 'The file';
  if (file.size === 0) return `${name} is empty.`;
  if (file.size > MAX_TORRENT_FILE_BYTES) return `${name} is larger than 10 MiB; no .torrent file is.`;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('latin1').decode(bytes);
  if (!text.startsWith('d') || !text.includes('4:infod')) {
    return `${name} is not a .torrent file (it has no bencoded info dictionary).`;
  }
  return null;
}
