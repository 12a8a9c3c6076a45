/**
 * PMS answers from the reference (shared/reference/control-services.md §1 "Samples"), in both formats:
 * XML (PMS's default) and JSON (`Accept: application/json`).
 */
export interface PlexSample {
  xml: string;
  json: unknown;
  headers?: Record<string, string>;
}

export const MACHINE_ID = '3f1c0d2e9b8a47c6a5d4e3f2a1b0c9d8e7f6a5b4';
export const VERSION = '1.40.2.8395-c67dce28e';

export const IDENTITY: PlexSample = {
  xml: `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" claimed="1" machineIdentifier="${MACHINE_ID}" version="${VERSION}"> </MediaContainer>`,
  json: { MediaContainer: { size: 0, claimed: true, machineIdentifier: MACHINE_ID, version: VERSION } },
};

export const ROOT: PlexSample = {
  xml: `<MediaContainer size="1" friendlyName="seedbox" machineIdentifier="${MACHINE_ID}" version="${VERSION}"
    platform="Linux" platformVersion="6.1.0" myPlex="1" myPlexUsername="owner@example.org" myPlexSubscription="1"
    transcoderActiveVideoSessions="2" updatedAt="1716200000"><Directory count="1" key="library" title="library"/></MediaContainer>`,
  json: {
    MediaContainer: {
      size: 1,
      friendlyName: 'seedbox',
      machineIdentifier: MACHINE_ID,
      version: VERSION,
      platform: 'Linux',
      platformVersion: '6.1.0',
      myPlex: true,
      myPlexUsername: 'owner@example.org',
      myPlexSubscription: true,
      transcoderActiveVideoSessions: 2,
      updatedAt: 1716200000,
      Directory: [{ count: 1, key: 'library', title: 'library' }],
    },
  },
};

export const SECTIONS: PlexSample = {
  xml: `<MediaContainer size="2" allowSync="0" title1="Plex Library">
  <Directory key="1" type="movie" title="Movies" agent="tv.plex.agents.movie" scanner="Plex Movie" language="en-US"
    uuid="a3b1c2d4-0000-4000-8000-000000000001" refreshing="0" hidden="0" updatedAt="1716200000" createdAt="1700000000"
    scannedAt="1716199000" contentChangedAt="52341"><Location id="1" path="/data/movies"/></Directory>
  <Directory key="2" type="show" title="TV Shows" agent="tv.plex.agents.series" scanner="Plex TV Series" language="en-US"
    uuid="a3b1c2d4-0000-4000-8000-000000000002" refreshing="1" hidden="0" updatedAt="1716200100" createdAt="1700000100"
    scannedAt="1716199100" contentChangedAt="52388"><Location id="2" path="/data/tv"/></Directory>
</MediaContainer>`,
  json: {
    MediaContainer: {
      size: 2,
      allowSync: false,
      title1: 'Plex Library',
      Directory: [
        {
          key: '1',
          type: 'movie',
          title: 'Movies',
          agent: 'tv.plex.agents.movie',
          scanner: 'Plex Movie',
          language: 'en-US',
          uuid: 'a3b1c2d4-0000-4000-8000-000000000001',
          refreshing: false,
          hidden: 0,
          updatedAt: 1716200000,
          createdAt: 1700000000,
          scannedAt: 1716199000,
          contentChangedAt: 52341,
          Location: [{ id: 1, path: '/data/movies' }],
        },
        {
          key: '2',
          type: 'show',
          title: 'TV Shows',
          agent: 'tv.plex.agents.series',
          scanner: 'Plex TV Series',
          language: 'en-US',
          uuid: 'a3b1c2d4-0000-4000-8000-000000000002',
          refreshing: true,
          hidden: 0,
          updatedAt: 1716200100,
          createdAt: 1700000100,
          scannedAt: 1716199100,
          contentChangedAt: 52388,
          Location: [{ id: 2, path: '/data/tv' }],
        },
      ],
    },
  },
};

export const EPISODE_COUNT: PlexSample = {
  xml: `<MediaContainer size="0" totalSize="3745" offset="0" allowSync="1" librarySectionID="2" librarySectionTitle="TV Shows" viewGroup="episode"/>`,
  json: {
    MediaContainer: {
      size: 0,
      totalSize: 3745,
      offset: 0,
      allowSync: true,
      librarySectionID: '2',
      librarySectionTitle: 'TV Shows',
      viewGroup: 'episode',
    },
  },
};

/** A build that leaves `totalSize` out of the body and sends only the paging headers. */
export const COUNT_IN_HEADER_ONLY: PlexSample = {
  xml: `<MediaContainer size="0" offset="0"/>`,
  json: { MediaContainer: { size: 0, offset: 0 } },
  headers: { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Total-Size': '1200' },
};

export const PROVIDERS: PlexSample = {
  xml: `<MediaContainer size="1">
  <MediaProvider identifier="com.plexapp.plugins.library" title="Library" types="video,audio,photo" protocols="stream,download">
    <Feature key="/library/sections" type="content">
      <Directory id="1" key="/library/sections/1" title="Movies" type="movie" durationTotal="8640000000" storageTotal="5000000000000"/>
      <Directory id="2" key="/library/sections/2" title="TV Shows" type="show"/>
    </Feature>
    <Feature key="/hubs/search" type="search"/>
  </MediaProvider>
</MediaContainer>`,
  json: {
    MediaContainer: {
      size: 1,
      MediaProvider: [
        {
          identifier: 'com.plexapp.plugins.library',
          title: 'Library',
          Feature: [
            {
              key: '/library/sections',
              type: 'content',
              Directory: [
                {
                  id: '1',
                  key: '/library/sections/1',
                  title: 'Movies',
                  type: 'movie',
                  durationTotal: 8640000000,
                  storageTotal: 5000000000000,
                },
                { id: '2', key: '/library/sections/2', title: 'TV Shows', type: 'show' },
              ],
            },
            { key: '/hubs/search', type: 'search' },
          ],
        },
      ],
    },
  },
};

export const SESSIONS: PlexSample = {
  xml: `<MediaContainer size="1">
  <Video sessionKey="27" ratingKey="5678" key="/library/metadata/5678" type="episode" title="Pilot"
         grandparentTitle="Some Show" parentIndex="1" index="1" librarySectionID="2"
         librarySectionTitle="TV Shows" duration="2998272" viewOffset="1200000">
    <Media id="901" container="mkv" videoCodec="h264" audioCodec="ac3" bitrate="10617"><Part id="902" file="/data/tv/Some Show/S01E01.mkv" size="3979115377"/></Media>
    <User id="1" title="alice" thumb="https://plex.tv/users/0a1b2c/avatar?c=1"/>
    <Player address="192.168.1.20" remotePublicAddress="203.0.113.7" device="Windows" platform="Chrome"
            product="Plex Web" version="4.128.1" title="Chrome" machineIdentifier="k2j3h4g5" state="playing"
            local="1" relayed="0" secure="1" userID="1"/>
    <Session id="hq5bq3wf0c7s1k9l2m3n4o5p" bandwidth="21740" location="lan"/>
    <TranscodeSession key="/transcode/sessions/6d5c4b3a" throttled="0" progress="12.5" speed="3.2"
            videoDecision="transcode" audioDecision="copy" subtitleDecision="burn" protocol="dash"
            container="mp4" videoCodec="h264" audioCodec="ac3" audioChannels="6"
            sourceVideoCodec="hevc" sourceAudioCodec="ac3" transcodeHwRequested="1"
            transcodeHwFullPipeline="0"/>
  </Video>
  <Track sessionKey="28" ratingKey="9001" type="track" title="Song" grandparentTitle="Band" parentIndex="1" index="3"
         librarySectionID="3" librarySectionTitle="Music" duration="200000" viewOffset="50000">
    <User id="5" title="bob"/>
    <Player address="203.0.113.9" platform="Android" product="Plexamp" title="Pixel" state="paused" local="0"/>
    <Session id="sess-28" bandwidth="320" location="wan"/>
  </Track>
</MediaContainer>`,
  json: {
    MediaContainer: {
      size: 2,
      Metadata: [
        {
          sessionKey: '27',
          ratingKey: '5678',
          key: '/library/metadata/5678',
          type: 'episode',
          title: 'Pilot',
          grandparentTitle: 'Some Show',
          parentIndex: 1,
          index: 1,
          librarySectionID: '2',
          librarySectionTitle: 'TV Shows',
          duration: 2998272,
          viewOffset: 1200000,
          Media: [{ id: 901, container: 'mkv', Part: [{ id: 902 }] }],
          User: { id: '1', title: 'alice', thumb: 'https://plex.tv/users/0a1b2c/avatar?c=1' },
          Player: {
            address: '192.168.1.20',
            device: 'Windows',
            platform: 'Chrome',
            product: 'Plex Web',
            title: 'Chrome',
            state: 'playing',
            local: true,
          },
          Session: { id: 'hq5bq3wf0c7s1k9l2m3n4o5p', bandwidth: 21740, location: 'lan' },
          TranscodeSession: {
            progress: 12.5,
            speed: 3.2,
            videoDecision: 'transcode',
            audioDecision: 'copy',
            transcodeHwRequested: true,
          },
        },
        {
          sessionKey: '28',
          ratingKey: '9001',
          type: 'track',
          title: 'Song',
          grandparentTitle: 'Band',
          parentIndex: 1,
          index: 3,
          librarySectionID: '3',
          librarySectionTitle: 'Music',
          duration: 200000,
          viewOffset: 50000,
          User: { id: '5', title: 'bob' },
          Player: {
            address: '203.0.113.9',
            platform: 'Android',
            product: 'Plexamp',
            title: 'Pixel',
            state: 'paused',
            local: false,
          },
          Session: { id: 'sess-28', bandwidth: 320, location: 'wan' },
        },
      ],
    },
  },
};

/** Nothing playing: `{"MediaContainer":{"size":0}}`, `Metadata` absent rather than `[]`. */
export const IDLE_SESSIONS: PlexSample = {
  xml: `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0"/>`,
  json: { MediaContainer: { size: 0 } },
};

export const HISTORY: PlexSample = {
  xml: `<MediaContainer size="2" totalSize="1534" offset="0">
  <Video historyKey="/status/sessions/history/88123" key="/library/metadata/5678" ratingKey="5678" librarySectionID="2"
    title="Pilot" grandparentTitle="Some Show" parentIndex="1" index="1" type="episode" viewedAt="1716201234" accountID="1" deviceID="12"/>
  <Video historyKey="/status/sessions/history/88122" key="/library/metadata/4348" ratingKey="4348" librarySectionID="1"
    title="Some Movie" type="movie" viewedAt="1716190000" accountID="5" deviceID="3"/>
</MediaContainer>`,
  json: {
    MediaContainer: {
      size: 2,
      totalSize: 1534,
      offset: 0,
      Metadata: [
        {
          historyKey: '/status/sessions/history/88123',
          key: '/library/metadata/5678',
          ratingKey: '5678',
          librarySectionID: '2',
          title: 'Pilot',
          grandparentTitle: 'Some Show',
          parentIndex: 1,
          index: 1,
          type: 'episode',
          viewedAt: 1716201234,
          accountID: 1,
          deviceID: 12,
        },
        {
          historyKey: '/status/sessions/history/88122',
          key: '/library/metadata/4348',
          ratingKey: '4348',
          librarySectionID: '1',
          title: 'Some Movie',
          type: 'movie',
          viewedAt: 1716190000,
          accountID: 5,
          deviceID: 3,
        },
      ],
    },
  },
};

export const ACCOUNTS: PlexSample = {
  xml: `<MediaContainer size="3" identifier="com.plexapp.system.accounts">
  <Account id="0" key="/accounts/0" name=""/><Account id="1" key="/accounts/1" name="alice"/><Account id="5" key="/accounts/5" name="bob"/>
</MediaContainer>`,
  json: {
    MediaContainer: {
      size: 3,
      Account: [
        { id: 0, key: '/accounts/0', name: '' },
        { id: 1, key: '/accounts/1', name: 'alice' },
        { id: 5, key: '/accounts/5', name: 'bob' },
      ],
    },
  },
};
