import { Logger } from '@nestjs/common';
import { PanelLogger } from '../../../server/logging/panel-logger';
import { redactObject, SecretRedactor } from '../../../server/common/redact';
import { baseConfig, startTestPanel } from '../support/test-panel';

describe('secret redaction', () => {
  it('replaces known secret values and secret-shaped fragments in text', () => {
    const redactor = new SecretRedactor();
    redactor.setKnownSecrets('test', ['s3cr3t-value', 'ab']);
    const text = [
      'seerr said s3cr3t-value is wrong',
      'GET http://plex:32400/library?X-Plex-Token=abcdef123456&x=1',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl',
      '/api/v2?apikey=0123456789abcdef&cmd=status',
      '{"password":"hunter22","token_count":3}',
    ].join('\n');
    const out = redactor.redactText(text);
    expect(out).not.toMatch(/s3cr3t-value|abcdef123456|eyJhbGci|0123456789abcdef|hunter22/);
    expect(out).toContain('x=1');
    expect(out).toContain('cmd=status');
    expect(out).toContain('"token_count":3');
  });

  it('replaces a known secret only as a whole token, escaping its special characters', () => {
    const redactor = new SecretRedactor();
    redactor.setKnownSecrets('config', ['utorrent', 'p.s+w(rd)?', '#hunter2!x']);
    expect(redactor.redactText('set "rutorrent.container" for utorrent')).toBe(
      'set "rutorrent.container" for [redacted]',
    );
    expect(redactor.redactText('utorrent.password: utorrent2')).toBe('[redacted].password: utorrent2');
    expect(redactor.redactText('pw p.s+w(rd)? and pXsswwrd and p.s+w(rd)?x')).toBe(
      'pw [redacted] and pXsswwrd and [redacted]x',
    );
    expect(redactor.redactText('inside x#hunter2!x and %23hunter2!x')).toBe(
      'inside x[redacted] and [redacted]',
    );
    expect(redactor.redactText(JSON.stringify({ msg: 'said "p.s+w(rd)?"' }))).not.toContain('p.s+w');
  });

  it('ignores known values too short to redact safely', () => {
    const redactor = new SecretRedactor();
    redactor.setKnownSecrets('config', ['admin', '1234']);
    expect(redactor.redactText('admin logged in from port 1234')).toBe('admin logged in from port 1234');
  });

  it.each([
    ['a tracker passkey', 'https://t.example/dl/1.torrent?passkey=0123abcd&x=1', 'passkey=[redacted]&x=1'],
    [
      'torrent_pass and authkey',
      'https://t.example/rss?torrent_pass=tp99&authkey=ak77',
      'torrent_pass=[redacted]&authkey=[redacted]',
    ],
    [
      'token and api_key',
      '/a?token=t0k3n&api_key=k3y&apikey=k4y',
      'token=[redacted]&api_key=[redacted]&apikey=[redacted]',
    ],
    ['an X-Plex-Token', 'http://plex/lib?X-Plex-Token=abcdef123456', 'X-Plex-Token=[redacted]'],
    [
      'pass and password',
      'login.php?user=bob&pass=pw1&password=pw2',
      'user=bob&pass=[redacted]&password=[redacted]',
    ],
    [
      'user:pass@ in a URL',
      'GET http://bob:s3cret@rt.example:8080/RPC2',
      'http://[redacted]@rt.example:8080/RPC2',
    ],
    [
      'a passkey path after /announce',
      'http://t.example/announce/0123456789abcdef0123456789abcdef',
      '/announce/[redacted]',
    ],
    [
      'a passkey path before /announce',
      'http://t.example/0123456789abcdef0123456789abcdef/announce',
      't.example/[redacted]/announce',
    ],
  ])('redacts %s', (_name, text, expected) => {
    const out = new SecretRedactor().redactText(text);
    expect(out).toContain(expected);
  });

  it("keeps magnet links readable and redacts their trackers' passkeys and credentials", () => {
    const trackers = [
      'http://t.example/announce.php?passkey=deadbeefcafe1234&uid=5',
      'https://t2.example/0123456789abcdef0123456789abcdef/announce',
      'udp://bob:s3cret@t3.example:80/announce',
    ];
    const magnet = `magnet:?xt=urn:btih:${'ab'.repeat(20)}&dn=Some.Name${trackers.map((t) => `&tr=${encodeURIComponent(t)}`).join('')}`;
    const out = new SecretRedactor().redactText(magnet);
    expect(out).toContain(`xt=urn:btih:${'ab'.repeat(20)}&dn=Some.Name&tr=http%3A%2F%2Ft.example`);
    expect(out).toContain('passkey%3D[redacted]%26uid%3D5');
    expect(out).not.toMatch(/deadbeefcafe1234|0123456789abcdef0123456789abcdef|s3cret/);
  });

  it('redacts secret keys of objects at any depth', () => {
    expect(redactObject({ a: { api_key: 'k', list: [{ password: 'p' }] }, name: 'n', token: '' })).toEqual({
      a: { api_key: '[redacted]', list: [{ password: '[redacted]' }] },
      name: 'n',
      token: '',
    });
  });

  it('keeps configured secrets out of every log line', async () => {
    const secrets = { seerr: 'seerr-key-1234567', plex: 'plex-token-7654321', admin: 'admin-pass-xyz' };
    const panel = await startTestPanel(
      baseConfig({
        admin: { username: 'admin', password: secrets.admin },
        seerr: { url: 'http://127.0.0.1:1', api_key: secrets.seerr },
        plex: { url: 'http://127.0.0.1:2', token: secrets.plex },
      }),
    );
    try {
      new Logger('Test').warn(
        `calling http://127.0.0.1:2/?X-Plex-Token=${secrets.plex} with key ${secrets.seerr}`,
      );
      await panel
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: secrets.admin })
        .expect(200);
      await panel.http().post('/api/auth/login').send({ username: 'admin', password: 'wrong' }).expect(401);
      const logs = panel.logs.join('\n');
      expect(logs).toContain('calling http://127.0.0.1:2/');
      for (const secret of Object.values(secrets)) expect(logs).not.toContain(secret);
    } finally {
      await panel.close();
    }
  });

  it('writes one JSON object per line', () => {
    const lines: string[] = [];
    const logger = new PanelLogger('log', 'json', { write: (l) => void lines.push(l) });
    logger.log('hello', 'Ctx');
    logger.debug('hidden at log level', 'Ctx');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'log', context: 'Ctx', msg: 'hello' });
  });
});
