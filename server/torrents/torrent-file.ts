import { BadRequestException } from '@nestjs/common';
import { createHash } from 'node:crypto';

/** What the panel reads of an uploaded .torrent before handing it to a client. */
export interface TorrentFileInfo {
  /** SHA-1 of the bencoded info dictionary, 40 upper-case hex: the torrent's hash in every client. */
  hash: string;
  /** info.name, "" when missing. */
  name: string;
}

class NotBencode extends Error {}

/**
 * Walks one bencoded value from `at` and returns where it ends; `onKey` sees each dictionary key of
 * the top level with the span of its value. Depth is capped so a crafted file cannot exhaust the stack.
 */
function skip(
  buf: Buffer,
  at: number,
  depth: number,
  onKey?: (key: string, start: number, end: number) => void,
): number {
  if (depth > 64) throw new NotBencode('nested too deeply');
  const c = buf[at];
  if (c === undefined) throw new NotBencode('ends early');
  if (c === 0x69 /* i */) {
    const end = buf.indexOf(0x65 /* e */, at);
    if (end < 0 || !/^-?\d+$/.test(buf.toString('latin1', at + 1, end))) throw new NotBencode('bad integer');
    return end + 1;
  }
  if (c === 0x6c /* l */ || c === 0x64 /* d */) {
    let pos = at + 1;
    while (buf[pos] !== 0x65) {
      if (buf[pos] === undefined) throw new NotBencode('ends early');
      if (c === 0x64) {
        const keyStart = pos;
        pos = skip(buf, pos, depth + 1);
        const key = stringAt(buf, keyStart);
        const valueStart = pos;
        pos = skip(buf, pos, depth + 1);
        onKey?.(key, valueStart, pos);
      } else {
        pos = skip(buf, pos, depth + 1);
      }
    }
    return pos + 1;
  }
  if (c >= 0x30 && c <= 0x39) {
    const colon = buf.indexOf(0x3a /* : */, at);
    const length = Number(buf.toString('latin1', at, colon));
    if (colon < 0 || !Number.isSafeInteger(length) || colon + 1 + length > buf.length)
      throw new NotBencode('bad string');
    return colon + 1 + length;
  }
  throw new NotBencode('unknown value');
}

function stringAt(buf: Buffer, at: number): string {
  const colon = buf.indexOf(0x3a, at);
  if (buf[at] === undefined || buf[at] < 0x30 || buf[at] > 0x39 || colon < 0)
    throw new NotBencode('key is not a string');
  const length = Number(buf.toString('latin1', at, colon));
  return buf.toString('utf8', colon + 1, colon + 1 + length);
}

/** The hash and name of a .torrent file; 400 naming the field when it is not one. */
export function readTorrentFile(buf: Buffer, field = 'torrent'): TorrentFileInfo {
  const refuse = (why: string) =>
    new BadRequestException(
      `${field} is not a .torrent file (${why}); choose the .torrent itself, not a magnet or the data.`,
    );
  if (!buf.length) throw refuse('it is empty');
  if (buf[0] !== 0x64) throw refuse('it does not start with a bencoded dictionary');
  let info: { start: number; end: number } | undefined;
  try {
    const end = skip(buf, 0, 0, (key, start, stop) => {
      if (key === 'info') info = { start, end: stop };
    });
    // Some tools end the file with a newline; anything else after the dictionary is not a torrent.
    if (buf.subarray(end).some((b) => b !== 0x0a && b !== 0x0d && b !== 0x20))
      throw new NotBencode('has bytes after the end');
  } catch (err) {
    if (err instanceof NotBencode) throw refuse(`its bencoding ${err.message}`);
    throw err;
  }
  if (!info || buf[info.start] !== 0x64) throw refuse('it has no info dictionary');
  let name = '';
  skip(buf, info.start, 0, (key, start) => {
    if (key === 'name' && buf[start] !== undefined && buf[start] >= 0x30 && buf[start] <= 0x39)
      name = stringAt(buf, start);
  });
  const hash = createHash('sha1').update(buf.subarray(info.start, info.end)).digest('hex').toUpperCase();
  return { hash, name };
}
