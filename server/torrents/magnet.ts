const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The info-hash of a magnet link (`xt=urn:btih:` in hex or base32) as 40 upper-case hex, if it has one. */
export function magnetHash(uri: string): string | undefined {
  if (!/^magnet:\?/i.test(uri)) return undefined;
  const xt = new URLSearchParams(uri.slice('magnet:?'.length))
    .getAll('xt')
    .find((v) => v.toLowerCase().startsWith('urn:btih:'));
  const id = xt?.slice('urn:btih:'.length) ?? '';
  if (/^[0-9a-f]{40}$/i.test(id)) return id.toUpperCase();
  if (!/^[a-z2-7]{32}$/i.test(id)) return undefined;
  let bits = '';
  for (const ch of id.toUpperCase()) bits += BASE32.indexOf(ch).toString(2).padStart(5, '0');
  let hex = '';
  for (let i = 0; i + 4 <= bits.length; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex.toUpperCase();
}

/** Waits for `probe` to give a value, trying every `everyMs` until `withinMs` has passed. */
export async function pollFor<T>(
  probe: () => Promise<T | undefined>,
  withinMs: number,
  everyMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() + everyMs > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
