import type { UpstreamHttp } from '../../upstream/upstream-http.service';
import type { AddConfirmTiming, TorrentClient, TorrentClientConnection } from '../torrent-client.interface';
import type { TorrentClientKind } from '../torrent.types';
import { DelugeClient } from './deluge/deluge.client';
import { QbittorrentClient } from './qbittorrent/qbittorrent.client';
import { RtorrentClient } from './rtorrent/rtorrent.client';
import { TransmissionClient } from './transmission/transmission.client';
import { UtorrentClient } from './utorrent/utorrent.client';

type ClientFactory = (
  http: UpstreamHttp,
  connection: () => TorrentClientConnection,
  timing: AddConfirmTiming,
) => TorrentClient;

/** The client class of each kind; the registry builds one per configured instance. */
export const TORRENT_CLIENT_FACTORIES: Record<TorrentClientKind, ClientFactory> = {
  utorrent: (http, connection, timing) => new UtorrentClient(http, connection, timing),
  rutorrent: (http, connection, timing) => new RtorrentClient(http, connection, timing),
  qbittorrent: (http, connection, timing) => new QbittorrentClient(http, connection, timing),
  transmission: (http, connection, timing) => new TransmissionClient(http, connection, timing),
  deluge: (http, connection, timing) => new DelugeClient(http, connection, timing),
};
