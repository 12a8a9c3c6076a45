import { UnexpectedAnswer } from '../../../server/upstream/unexpected-answer';
import {
  plexOwner,
  plexServerInfo,
  plexServerResources,
  plexShares,
  plexTvAccounts,
  plexTvErrorMessage,
  plexUsers,
} from '../../../server/media-servers/plex.mapper';
import { parseXml } from '../../../server/upstream/xml';

// Wire samples from the reference (shared/reference/media-and-seerr.md, sections 2.2–2.5).
const USERS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex" machineIdentifier="5c0f8e2a9b7d41e6a3c2d1f0e9b8a7c6d5e4f3a2" totalSize="3" size="3">
  <User id="48213307" title="jdoe" username="jdoe" email="jdoe@example.org" recommendationsPlaylistId="" thumb="https://plex.tv/users/0c1d2e3f4a5b6c7d/avatar?c=1712345678" protected="0" home="0" allowTuners="0" allowSync="1" allowCameraUpload="0" allowChannels="0" allowSubtitleAdmin="0" filterAll="" filterMovies="" filterMusic="" filterPhotos="" filterTelevision="" restricted="0">
    <Server id="311200417" serverId="17390512" machineIdentifier="7b1fd0c4e5a6928374650abcdef0123456789abc" name="Basement" lastSeenAt="1718000000" numLibraries="3" allLibraries="1" owned="1" pending="0"/>
  </User>
  <User id="50177820" title="Mia R" username="miar" email="mia.r@example.net" recommendationsPlaylistId="" thumb="https://plex.tv/users/9f8e7d6c5b4a3f2e/avatar?c=1699000000" protected="0" home="0" allowTuners="0" allowSync="0" allowCameraUpload="0" allowChannels="0" allowSubtitleAdmin="0" filterAll="" filterMovies="" filterMusic="" filterPhotos="" filterTelevision="" restricted="0">
    <Server id="311200418" serverId="17390512" machineIdentifier="7b1fd0c4e5a6928374650abcdef0123456789abc" name="Basement" lastSeenAt="1718000000" numLibraries="1" allLibraries="0" owned="1" pending="1"/>
  </User>
  <User id="61002233" title="Kids" username="" email="" recommendationsPlaylistId="" thumb="https://plex.tv/users/1a2b3c4d5e6f7a8b/avatar?c=1690000000" protected="1" home="1" allowTuners="0" allowSync="0" allowCameraUpload="0" allowChannels="0" allowSubtitleAdmin="0" filterAll="" filterMovies="" filterMusic="" filterPhotos="" filterTelevision="" restricted="1">
    <Server id="311200419" serverId="17390512" machineIdentifier="7b1fd0c4e5a6928374650abcdef0123456789abc" name="Basement" lastSeenAt="1718000000" numLibraries="2" allLibraries="0" owned="1" pending="0"/>
  </User>
</MediaContainer>`;

// The JSON variant a community spec describes for /api/users (unverified; attributes as keys).
const USERS_JSON = {
  MediaContainer: {
    size: 2,
    User: [
      { id: 48213307, title: 'jdoe', username: 'jdoe', email: 'jdoe@example.org', restricted: false },
      { id: 61002233, title: 'Kids', username: '', email: '', restricted: true, home: true },
    ],
  },
};

const SHARED_XML = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex" machineIdentifier="7b1fd0c4e5a6928374650abcdef0123456789abc" size="2">
  <SharedServer id="92837465" username="jdoe" email="jdoe@example.org" userID="48213307" accessToken="tok-jdoe-redacted" name="Basement" acceptedAt="1700000000" invitedAt="1699990000" allowSync="1" allowCameraUpload="0" allowChannels="0" allowTuners="0" allowSubtitleAdmin="0" owned="0" allLibraries="0" filterAll="" filterMovies="" filterMusic="" filterPhotos="" filterTelevision="">
    <Section id="118181361" key="1" title="Movies" type="movie" shared="1"/>
    <Section id="118251661" key="2" title="TV Shows" type="show" shared="1"/>
  </SharedServer>
  <SharedServer id="92837466" username="" email="" userID="61002233" accessToken="tok-kids-redacted" name="Basement" acceptedAt="1690000000" invitedAt="1690000000" allowSync="0" allowCameraUpload="0" allowChannels="0" allowTuners="0" allowSubtitleAdmin="0" owned="0" allLibraries="0" filterAll="" filterMovies="" filterMusic="" filterPhotos="" filterTelevision="">
    <Section id="118181361" key="1" title="Movies" type="movie" shared="1"/>
  </SharedServer>
</MediaContainer>`;

const OWNER_JSON = {
  id: 1234567,
  uuid: 'aa11bb22cc33dd44',
  username: 'owner',
  title: 'owner',
  friendlyName: 'Olivia',
  email: 'owner@example.org',
  authToken: 'xxxxxxxxxxxxxxxxxxxx',
  home: true,
  homeAdmin: true,
  restricted: false,
};

const RESOURCES_JSON = [
  {
    name: 'Basement',
    product: 'Plex Media Server',
    productVersion: '1.41.3.9314-a0bfb8370',
    clientIdentifier: '7b1fd0c4e5a6928374650abcdef0123456789abc',
    provides: 'server',
    ownerId: null,
    accessToken: 'server-token-redacted',
    owned: true,
    connections: [
      {
        protocol: 'https',
        address: '192.168.1.20',
        port: 32400,
        uri: 'https://192-168-1-20.7b1fd0c4e5a69283.plex.direct:32400',
        local: true,
        relay: false,
        IPv6: false,
      },
      {
        protocol: 'https',
        address: '203.0.113.20',
        port: 32400,
        uri: 'https://203-0-113-20.7b1fd0c4e5a69283.plex.direct:32400',
        local: false,
        relay: false,
        IPv6: false,
      },
    ],
  },
  {
    name: 'Pixel 8',
    product: 'Plex for Android (Mobile)',
    provides: 'client,player,pubsub-player',
    clientIdentifier: 'abc123def456',
    owned: true,
    connections: [],
  },
];

const JDOE = {
  id: '48213307',
  username: 'jdoe',
  email: 'jdoe@example.org',
  disabled: false,
  managed: false,
  admin: false,
  owner: false,
};
const KIDS = { ...JDOE, id: '61002233', username: '', email: null, managed: true };

describe('plex mapper', () => {
  it('reads /api/users XML: friends and managed Home users with their servers', async () => {
    const accounts = plexTvAccounts(await parseXml(USERS_XML));
    expect(accounts.map((a) => [a.id, a.username, a.servers])).toEqual([
      ['48213307', 'jdoe', ['7b1fd0c4e5a6928374650abcdef0123456789abc']],
      ['50177820', 'miar', ['7b1fd0c4e5a6928374650abcdef0123456789abc']],
      ['61002233', '', ['7b1fd0c4e5a6928374650abcdef0123456789abc']],
    ]);
    const users = plexUsers(accounts);
    expect(users[0]).toEqual(JDOE);
    expect(users[2]).toEqual(KIDS);
  });

  it('reads the JSON variant of /api/users the same way', () => {
    expect(plexUsers(plexTvAccounts(USERS_JSON))).toEqual([JDOE, KIDS]);
  });

  it('keeps only the accounts sharing the server, named from /api/users', async () => {
    const accounts = plexTvAccounts(await parseXml(USERS_XML));
    const shares = plexShares(await parseXml(SHARED_XML));
    expect(shares.map((s) => s.userId)).toEqual(['48213307', '61002233']);
    expect(plexUsers(accounts, shares)).toEqual([JDOE, KIDS]);
    // A share whose account /api/users does not list keeps the share's own name and e-mail.
    expect(plexUsers([], shares)[0]).toEqual(JDOE);
    expect(plexUsers(accounts, [...shares, shares[0]])).toHaveLength(2);
  });

  it('reads an empty container (no users, no shares)', async () => {
    const empty = await parseXml('<MediaContainer size="0"/>');
    expect(plexTvAccounts(empty)).toEqual([]);
    expect(plexShares(await parseXml('<MediaContainer/>'))).toEqual([]);
  });

  it('reads the owner from /api/v2/user as owner and admin', () => {
    expect(plexOwner(OWNER_JSON)).toEqual({
      id: '1234567',
      username: 'owner',
      email: 'owner@example.org',
      disabled: false,
      managed: false,
      admin: true,
      owner: true,
    });
  });

  it('reads the PMS name and version from JSON and XML', async () => {
    const json = { MediaContainer: { size: 9, friendlyName: 'Basement', version: '1.41.3.9314-a0bfb8370' } };
    expect(plexServerInfo(json)).toEqual({ name: 'Basement', version: '1.41.3.9314-a0bfb8370' });
    const xml = await parseXml(
      '<MediaContainer size="0" claimed="1" machineIdentifier="7b1f" version="1.41.3.9314-a0bfb8370"/>',
    );
    expect(plexServerInfo(xml)).toEqual({ name: '', version: '1.41.3.9314-a0bfb8370' });
  });

  it('keeps only servers from /api/v2/resources, with their connections', () => {
    expect(plexServerResources(RESOURCES_JSON)).toEqual([
      {
        name: 'Basement',
        machineIdentifier: '7b1fd0c4e5a6928374650abcdef0123456789abc',
        owned: true,
        connections: [
          { uri: 'https://192-168-1-20.7b1fd0c4e5a69283.plex.direct:32400', local: true, relay: false },
          { uri: 'https://203-0-113-20.7b1fd0c4e5a69283.plex.direct:32400', local: false, relay: false },
        ],
      },
    ]);
  });

  it.each([
    ['no MediaContainer', () => plexTvAccounts({ errors: [] })],
    ['a user without an id', () => plexTvAccounts({ MediaContainer: { User: [{ username: 'x' }] } })],
    ['an owner without a username', () => plexOwner({ id: 1 })],
    ['resources that are not a list', () => plexServerResources({ MediaContainer: {} })],
    ['a PMS answer without a version', () => plexServerInfo({ MediaContainer: { friendlyName: 'x' } })],
  ])('refuses %s', (_what, map) => {
    expect(map).toThrow(UnexpectedAnswer);
  });

  it("extracts plex.tv's own error sentence from v1 XML and v2 JSON", () => {
    expect(
      plexTvErrorMessage(
        '<?xml version="1.0" encoding="UTF-8"?><errors><error>Invalid authentication token.</error></errors>',
      ),
    ).toBe('Invalid authentication token.');
    expect(
      plexTvErrorMessage(
        '{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}',
      ),
    ).toBe('User could not be authenticated');
    expect(
      plexTvErrorMessage(
        '<errors><error code="1000" message="X-Plex-Client-Identifier is missing"/></errors>',
      ),
    ).toBe('X-Plex-Client-Identifier is missing');
    expect(plexTvErrorMessage('')).toBeUndefined();
  });
});
