import {
  MAX_TORRENT_FILE_BYTES,
  TORRENT_URL,
  torrentFileProblem,
} from '../../../../client/src/app/features/torrents/torrent-input';

const HEX = '0123456789abcdef0123456789abcdef01234567';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

describe('TORRENT_URL', () => {
  it.each([
    [`magnet:?xt=urn:btih:${HEX}`],
    [`magnet:?xt=urn:btih:${HEX.toUpperCase()}`],
    [`magnet:?xt=urn:btih:${BASE32}`],
    [`magnet:?xt=urn:btih:${BASE32.toUpperCase()}`],
    [`MAGNET:?XT=URN:BTIH:${HEX}`],
    [`magnet:?xt=urn:btih:${HEX}&dn=Ubuntu+24.04&tr=udp%3A%2F%2Ftracker.example%3A1337`],
    [`magnet:?dn=Ubuntu+24.04&xt=urn:btih:${HEX}`],
    [`magnet:?dn=Ubuntu&tr=udp%3A%2F%2Ftracker.example%3A1337&xt=urn:btih:${BASE32}&xl=1024`],
    ['http://tracker.example/ubuntu.torrent'],
    ['https://tracker.example/download.php?id=42&passkey=abc'],
    ['https://tracker.example:8443/t/1'],
    ['HTTPS://TRACKER.EXAMPLE'],
  ])('accepts %s', (url) => {
    expect(TORRENT_URL.test(url)).toBe(true);
  });

  it.each([
    ['a magnet without xt', 'magnet:?dn=Ubuntu&tr=udp%3A%2F%2Ftracker.example'],
    ['a bare magnet', 'magnet:?'],
    ['a hex hash one short', `magnet:?xt=urn:btih:${HEX.slice(1)}`],
    ['a hex hash one long', `magnet:?xt=urn:btih:${HEX}0`],
    ['a base32 hash one short', `magnet:?xt=urn:btih:${BASE32.slice(1)}`],
    ['a base32 hash with a digit outside 2-7', `magnet:?xt=urn:btih:${BASE32.slice(1)}1`],
    ['a hex hash with a non-hex letter', `magnet:?xt=urn:btih:${HEX.slice(1)}g`],
    ['another hash kind', `magnet:?xt=urn:sha1:${HEX}`],
    ['xt inside another parameter', `magnet:?dn=x&fooxt=urn:btih:${HEX}`],
    ['an xt only in a value', `magnet:?dn=xt=urn:btih:${HEX}`],
    ['a magnet with a space', `magnet:?xt=urn:btih:${HEX}&dn=Ubuntu 24.04`],
    ['a bare hash', HEX],
    ['an ftp URL', 'ftp://tracker.example/ubuntu.torrent'],
    ['an http URL without a host', 'http:///ubuntu.torrent'],
    ['an http URL with a space', 'https://tracker.example/ubuntu 24.torrent'],
    ['a scheme-less URL', 'tracker.example/ubuntu.torrent'],
    ['nothing', ''],
  ])('refuses %s', (_name, url) => {
    expect(TORRENT_URL.test(url)).toBe(false);
  });
});

describe('torrentFileProblem', () => {
  const bytes = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
  const named = (parts: BlobPart[], name: string) => Object.assign(new Blob(parts), { name });

  /** The smallest .torrent worth the name: one file, one piece, its SHA-1 as raw (non UTF-8) bytes. */
  const MINIMAL = [
    bytes('d8:announce30:udp://tracker.example:1337/ann4:infod6:lengthi1e4:name1:a12:piece lengthi16384e'),
    bytes('6:pieces20:'),
    Uint8Array.from({ length: 20 }, (_, i) => 0xec + i),
    bytes('ee'),
  ];

  it('takes a minimal .torrent', async () => {
    await expect(torrentFileProblem(named(MINIMAL, 'a.torrent'))).resolves.toBeNull();
  });

  it('takes a file without a name', async () => {
    await expect(torrentFileProblem(new Blob(MINIMAL))).resolves.toBeNull();
  });

  it('refuses an empty file, by name', async () => {
    await expect(torrentFileProblem(named([], 'ubuntu.torrent'))).resolves.toBe('ubuntu.torrent is empty.');
  });

  it('calls a nameless file "The file"', async () => {
    await expect(torrentFileProblem(new Blob([]))).resolves.toBe('The file is empty.');
  });

  it('refuses a file larger than 10 MiB without reading it', async () => {
    const big = named([new Uint8Array(MAX_TORRENT_FILE_BYTES + 1)], 'ubuntu.iso');
    const read = jest.spyOn(big, 'arrayBuffer');
    await expect(torrentFileProblem(big)).resolves.toBe(
      'ubuntu.iso is larger than 10 MiB; no .torrent file is.',
    );
    expect(read).not.toHaveBeenCalled();
  });

  it('reads a file of exactly 10 MiB', async () => {
    const tail = new Uint8Array(MAX_TORRENT_FILE_BYTES - MINIMAL.reduce((sum, part) => sum + part.length, 0));
    await expect(torrentFileProblem(named([...MINIMAL, tail], 'big.torrent'))).resolves.toBeNull();
  });

  it.each([
    ['plain text', ['hello world']],
    ['JSON', ['{"info":{}}']],
    ['a bencoded list', ['l4:infod6:lengthi1eee']],
    ['a dictionary without info', ['d8:announce24:http://tracker.example/ae']],
    ['an info that is not a dictionary', ['d4:infoi1ee']],
  ])('refuses %s', async (_name, parts) => {
    await expect(torrentFileProblem(named(parts, 'notes.torrent'))).resolves.toBe(
      'notes.torrent is not a .torrent file (it has no bencoded info dictionary).',
    );
  });
});
