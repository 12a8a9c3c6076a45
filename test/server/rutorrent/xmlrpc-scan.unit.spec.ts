import { scanResponse } from '../../../server/torrents/clients/rtorrent/xmlrpc-scan';
import { encodeCall, parseResponse } from '../../../server/torrents/clients/rtorrent/xmlrpc';
import { LIST_FIELDS } from '../../../server/torrents/clients/rtorrent/rtorrent.mapper';
import { SeededRandom } from '../../../simulators/core/random';
import { createRtorrentSimulator, RTORRENT_PASSWORD, RTORRENT_USERNAME } from '../../../simulators/rtorrent';

/** Whitespace as servers put it between elements: none, CRLF (xmlrpc-c), LF, indentation. */
const GAPS = ['', '', '\r\n', '\n', '  ', '\t', '\r\n  '];
/** Text that stresses the scanner: references in every form, whitespace-only, line ends, non-ASCII. */
const TEXTS = [
  '',
  ' ',
  '  \r\n ',
  'Blue.Harbor.2019.1080p',
  ' padded ',
  'line one\r\nline two\n',
  'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;',
  '&#38;&#x26;&#X41;',
  'caf&#233; &#x1F600; 日本語 ©',
  'tab\there',
  '>', // a bare ">" is allowed in text
];

function escaped(rng: SeededRandom): string {
  return rng.pick(TEXTS).replace('&#X41;', '&#65;');
}

/** A random value written in one of the forms a server may use, with random gaps between elements. */
function write(rng: SeededRandom, depth: number): string {
  const gap = () => rng.pick(GAPS);
  const kind = rng.int(0, depth > 3 ? 8 : 10);
  const inner = (() => {
    switch (kind) {
      case 0:
        return `<string>${escaped(rng)}</string>`;
      case 1:
        return rng.chance(0.5) ? '<string/>' : '<string></string>';
      case 2:
        return `<${rng.pick(['i4', 'i8', 'int'])}>${rng.pick(['0', '-1', ' 42 ', '4089446400', '+7'])}</i4>`;
      case 3:
        return `<double>${rng.pick(['1.5', '-0.25', '1e3', ' 2 '])}</double>`;
      case 4:
        return `<boolean>${rng.pick(['0', '1', ' 1 '])}</boolean>`;
      case 5:
        return `<base64>${rng.pick(['aGk=', 'aG\r\nk=', ''])}</base64>`;
      case 6:
        return null; // untyped text
      case 7:
        return undefined; // <value/>
      case 8:
        return `<string>${rng.hex(40).toUpperCase()}</string>`;
      case 9: {
        const items = Array.from({ length: rng.int(0, 4) }, () => write(rng, depth + 1) + gap());
        if (!items.length && rng.chance(0.5)) return `<array>${gap()}<data/>${gap()}</array>`;
        return `<array>${gap()}<data>${gap()}${items.join('')}</data>${gap()}</array>`;
      }
      default: {
        const members = Array.from(
          { length: rng.int(0, 4) },
          () =>
            `<member>${gap()}<name>${rng.pick(['a', 'faultCode', ' b ', 'x&amp;y', 'a'])}</name>${gap()}${write(rng, depth + 1)}${gap()}</member>${gap()}`,
        );
        return `<struct>${gap()}${members.join('')}</struct>`;
      }
    }
  })();
  // The integer case names the closing tag after its opening one.
  const fixed = inner?.replace(/^<(i4|i8|int)>(.*)<\/i4>$/, '<$1>$2</$1>');
  if (fixed === undefined) return '<value/>';
  if (fixed === null) return `<value>${escaped(rng)}</value>`;
  return `<value>${gap()}${fixed}${gap()}</value>`;
}

function document(rng: SeededRandom): string {
  const gap = () => rng.pick(GAPS);
  const head = rng.pick(['', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>\n']);
  const body = rng.chance(0.2)
    ? `<fault>${gap()}${write(rng, 0)}${gap()}</fault>`
    : `<params>${gap()}<param>${gap()}${write(rng, 0)}${gap()}</param>${gap()}</params>`;
  return `${head}${gap()}<methodResponse>${gap()}${body}${gap()}</methodResponse>${gap()}`;
}

describe('the one-pass XML-RPC scanner', () => {
  it('reads 2,000 random plain documents exactly as xml2js does', async () => {
    const rng = new SeededRandom(20261204);
    let scanned = 0;
    for (let i = 0; i < 2000; i++) {
      const xml = document(rng);
      const fast = await scanResponse(xml);
      expect({ xml, value: fast }).toEqual({ xml, value: await parseResponse(xml) });
      if (fast) scanned++;
    }
    // Every generated document is plain XML-RPC: none may fall back.
    expect(scanned).toBe(2000);
  });

  it('reads the simulator’s 5,000-torrent listing as xml2js does', async () => {
    const sim = createRtorrentSimulator({ torrents: 5000 });
    await sim.start();
    try {
      const res = await fetch(`${sim.url}/RPC2`, {
        method: 'POST',
        headers: {
          'Content-Type': 'text/xml',
          Authorization: `Basic ${Buffer.from(`${RTORRENT_USERNAME}:${RTORRENT_PASSWORD}`).toString('base64')}`,
        },
        body: encodeCall('d.multicall2', ['', 'main', ...LIST_FIELDS]),
      });
      const xml = await res.text();
      // The event loop keeps turning while the listing is read.
      let turns = 0;
      let reading = true;
      const count = (): void => {
        turns++;
        if (reading) setImmediate(count);
      };
      setImmediate(count);
      const fast = await scanResponse(xml);
      reading = false;
      expect(turns).toBeGreaterThan(5);
      expect(fast?.value).toHaveLength(5000);
      expect(fast).toEqual(await parseResponse(xml));
    } finally {
      await sim.stop();
    }
  });

  it.each([
    [
      'a comment',
      '<methodResponse><params><param><value><!-- x --><string>a</string></value></param></params></methodResponse>',
    ],
    [
      'CDATA',
      '<methodResponse><params><param><value><string><![CDATA[a]]></string></value></param></params></methodResponse>',
    ],
    [
      'an attribute',
      '<methodResponse><params><param><value lang="en"><string>a</string></value></param></params></methodResponse>',
    ],
    [
      'a DOCTYPE',
      '<!DOCTYPE x><methodResponse><params><param><value>a</value></param></params></methodResponse>',
    ],
    [
      'an unknown entity',
      '<methodResponse><params><param><value>&nbsp;</value></param></params></methodResponse>',
    ],
    [
      'mixed content',
      '<methodResponse><params><param><value>x<string>a</string></value></param></params></methodResponse>',
    ],
    [
      'an unknown type',
      '<methodResponse><params><param><value><nil/></value></param></params></methodResponse>',
    ],
    [
      'a bad integer',
      '<methodResponse><params><param><value><i8>abc</i8></value></param></params></methodResponse>',
    ],
    ['truncation', '<methodResponse><params><param><value><array><data><value>'],
    [
      'junk after the root',
      '<methodResponse><params><param><value>a</value></param></params></methodResponse>x',
    ],
    [
      'two typed elements',
      '<methodResponse><params><param><value><i4>1</i4><i4>2</i4></value></param></params></methodResponse>',
    ],
  ])('leaves %s to xml2js', async (_what, xml) => {
    expect(await scanResponse(xml)).toBeUndefined();
  });
});
