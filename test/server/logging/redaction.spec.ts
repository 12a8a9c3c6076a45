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
