import { ConfigError, parseConfigText } from '../../../server/config/config.loader';
import { EnvironmentError, readEnvironment } from '../../../server/config/panel-environment';
import { baseConfig } from '../support/test-panel';

const parse = (config: object) => () => parseConfigText(JSON.stringify(config), 'config.json');

describe('secrets too short to keep out of logs', () => {
  it('are refused at load, each naming its field', () => {
    const config = {
      ...baseConfig({
        seerr: { url: '', api_key: 'abc123' },
        media_servers: [{ name: 'Jelly', type: 'jellyfin', url: 'http://jf:8096', token: 'jf' }],
        utorrent: { url: 'http://ut:8080', username: 'admin', password: 'ut' },
        tautulli: { api_key: '1234567' },
      }),
      admin: { username: 'admin', password: 'admin' },
    };
    let error: ConfigError | undefined;
    try {
      parse(config)();
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual(
      expect.arrayContaining(
        [
          'admin.password',
          'seerr.api_key',
          'media_servers[0].token',
          'tautulli.api_key',
          'utorrent.password',
        ].map((field) => `${field} is too short to keep out of logs safely (at least 8 characters)`),
      ),
    );
  });

  it('accept empty (not configured) and 8-character secrets', () => {
    expect(
      parse(baseConfig({ utorrent: { url: 'http://ut:8080', username: 'admin', password: 'utorrent' } })),
    ).not.toThrow();
    expect(parse(baseConfig({ seerr: { url: '', api_key: '' }, plex: { token: '' } }))).not.toThrow();
  });

  it('are refused in the service variables, naming the variable', () => {
    expect(() => readEnvironment({ UTORRENT_PASSWORD: 'short', PLEX_TOKEN: 'long-enough-token' })).toThrow(
      EnvironmentError,
    );
    expect(() => readEnvironment({ UTORRENT_PASSWORD: 'short' })).toThrow(
      'UTORRENT_PASSWORD (utorrent.password) is too short to keep out of logs safely (at least 8 characters)',
    );
    expect(() => readEnvironment({ UTORRENT_PASSWORD: 'utorrent', UTORRENT_USERNAME: 'a' })).not.toThrow();
  });
});
