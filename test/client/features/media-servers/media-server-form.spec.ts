import { type PlexConnectionDto, type PlexServerDto } from '../../../../client/src/app/api';
import { bestConnection } from '../../../../client/src/app/features/media-servers/media-server-form';

describe('bestConnection', () => {
  const local = { uri: 'http://192.168.1.2:32400', local: true, relay: false };
  const remote = { uri: 'https://1-2-3-4.plex.direct:32400', local: false, relay: false };
  const relay = { uri: 'https://relay.plex.direct:8443', local: false, relay: true };
  const server = (connections: PlexConnectionDto[]): PlexServerDto => ({
    name: 'Home',
    machine_identifier: 'abc',
    owned: true,
    connections,
  });

  it.each([
    ['the local one', [relay, remote, local], local],
    ['a direct one before a relay', [relay, remote], remote],
    ['a relay as the last resort', [relay], relay],
    ['none when there is no address', [], null],
  ])('picks %s', (_name, connections, best) => {
    expect(bestConnection(server(connections))).toEqual(best);
  });

  it('leaves the server as it was', () => {
    const plex = server([relay, local]);
    bestConnection(plex);
    expect(plex.connections).toEqual([relay, local]);
  });
});
