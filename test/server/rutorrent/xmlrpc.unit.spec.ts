import {
  decodeResponse,
  encodeCall,
  multicallResults,
  XmlRpcFault,
  XmlRpcUnencodable,
} from '../../../server/torrents/clients/rtorrent/xmlrpc';
import { UnexpectedAnswer } from '../../../server/upstream/unexpected-answer';

const CRLF = (s: string) => s.replace(/\n/g, '\r\n');
const response = (value: string) =>
  CRLF(
    `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse>\n<params>\n<param>${value}</param>\n</params>\n</methodResponse>\n`,
  );

describe('XML-RPC requests', () => {
  it('escapes every string and types every value', () => {
    const xml = encodeCall('d.custom1.set', [
      '',
      'a<b>&"c"',
      42,
      true,
      Buffer.from('hi'),
      [1, 'x'],
      { methodName: 'm', params: [] },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0"?>\n<methodCall><methodName>d.custom1.set</methodName><params>' +
        '<param><value><string></string></value></param>' +
        '<param><value><string>a&lt;b&gt;&amp;"c"</string></value></param>' +
        '<param><value><i8>42</i8></value></param>' +
        '<param><value><boolean>1</boolean></value></param>' +
        '<param><value><base64>aGk=</base64></value></param>' +
        '<param><value><array><data><value><i8>1</i8></value><value><string>x</string></value></data></array></value></param>' +
        '<param><value><struct><member><name>methodName</name><value><string>m</string></value></member>' +
        '<member><name>params</name><value><array><data></data></array></value></member></struct></value></param>' +
        '</params></methodCall>',
    );
  });

  it('refuses what XML cannot carry', () => {
    expect(() => encodeCall('x', ['a\u0000b'])).toThrow(XmlRpcUnencodable);
    expect(() => encodeCall('x', [1.5])).toThrow(XmlRpcUnencodable);
  });
});

describe('XML-RPC responses (rtorrent 0.9.8 wire forms)', () => {
  it.each([
    ['<value><string>0.9.8</string></value>', '0.9.8'],
    ['<value><string></string></value>', ''],
    ['<value>bare text</value>', 'bare text'],
    ['<value><i4>0</i4></value>', 0],
    ['<value><i8>4089446400</i8></value>', 4089446400],
    ['<value><int>-1</int></value>', -1],
    ['<value><boolean>1</boolean></value>', true],
    ['<value><boolean>0</boolean></value>', false],
    ['<value><double>1.5</double></value>', 1.5],
    ['<value><array><data>\n</data></array></value>', []],
    ['<value><string>a &amp; b &lt;c&gt;</string></value>', 'a & b <c>'],
    [
      '<value><array><data>\n<value><array><data>\n<value><string>H</string></value>\n<value><i8>1</i8></value>\n</data></array></value>\n</data></array></value>',
      [['H', 1]],
    ],
    [
      '<value><struct>\n<member><name>a</name>\n<value><i4>1</i4></value></member>\n</struct></value>',
      { a: 1 },
    ],
  ])('%s', async (xml, value) => {
    expect(await decodeResponse(response(xml))).toEqual(value);
  });

  it('decodes base64', async () => {
    expect(await decodeResponse(response('<value><base64>aGk=</base64></value>'))).toEqual(Buffer.from('hi'));
  });

  it('throws a fault with its code and string', async () => {
    const xml = CRLF(
      '<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse>\n<fault>\n<value><struct>\n<member><name>faultCode</name>\n<value><i4>-501</i4></value></member>\n<member><name>faultString</name>\n<value><string>Could not find info-hash.</string></value></member>\n</struct></value>\n</fault>\n</methodResponse>\n',
    );
    await expect(decodeResponse(xml)).rejects.toEqual(new XmlRpcFault(-501, 'Could not find info-hash.'));
  });

  it.each([
    ['garbage', '\u0000\u0007<<garbage>>{"unterminated": [1, 2,'],
    ['truncated', response('<value><array><data><value><string>x</string></value>').slice(0, 60)],
    ['empty', ''],
    ['html', '<html><body>502 Bad Gateway</body></html>'],
    ['no value', '<methodResponse><params></params></methodResponse>'],
    ['unknown type', response('<value><dateTime.iso8601>x</dateTime.iso8601></value>')],
    ['bad integer', response('<value><i8>abc</i8></value>')],
  ])('refuses %s as malformed', async (_name, xml) => {
    await expect(decodeResponse(xml)).rejects.toBeInstanceOf(UnexpectedAnswer);
  });
});

describe('system.multicall results', () => {
  it('unwraps 1-element arrays and keeps inline faults', () => {
    expect(
      multicallResults([[0], { faultCode: -501, faultString: 'Could not find info-hash.' }, ['0.9.8']], 3),
    ).toEqual([
      { ok: true, value: 0 },
      { ok: false, fault: new XmlRpcFault(-501, 'Could not find info-hash.') },
      { ok: true, value: '0.9.8' },
    ]);
  });

  it.each([
    [[[0]], 2],
    ['x', 1],
    [[[0, 1]], 1],
    [[{ a: 1 }], 1],
  ])('refuses %j for %i calls', (value, n) => {
    expect(() => multicallResults(value as never, n)).toThrow(UnexpectedAnswer);
  });
});
