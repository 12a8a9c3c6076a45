import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { PanelConfig, TorrentClientEntry } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { SEED_TORRENT_SECTIONS, torrentClientId } from '../config/torrent-client-ids';
import {
  applySettingsPatch,
  keepEmptySecrets,
  keepUrlCredentials,
  trimmed,
  type SettingsNormalisers,
} from '../config/settings-patch';
import { withoutCredentials } from '../common/url-credentials';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { TORRENT_CLIENT_FACTORIES } from './clients';
import { DEFAULT_ADD_CONFIRM_TIMING } from './torrent-client.interface';
import { torrentClientInstances, type TorrentClientInstanceConfig } from './torrent-client-connections';
import type {
  CreateTorrentClientDto,
  TestTorrentClientDto,
  TorrentClientEntryDto,
  TorrentClientTestDto,
  UpdateTorrentClientDto,
} from './torrent-client-settings.dto';
import { sentenceOf } from './torrent.errors';
import { DEFAULT_POLL_SECONDS } from './torrent-settings';

type OptionalKey =
  'username' | 'password' | 'rpc_path' | 'download_dir' | 'container' | 'enabled' | 'poll_seconds';
const OPTIONAL_KEYS: readonly OptionalKey[] = [
  'username',
  'password',
  'rpc_path',
  'download_dir',
  'container',
  'enabled',
  'poll_seconds',
];

/** What the file keeps: rpc_path with its leading slash (the schema wants one; users copy it without). */
const NORMALISE: SettingsNormalisers<TorrentClientEntry, OptionalKey | 'url' | 'name' | 'type'> = {
  name: trimmed,
  url: (url) => url.trim(),
  rpc_path: (path) => `/${path.trim().replace(/^\/+/, '')}`,
  download_dir: (dir) => dir.trim().replace(/(.)\/+$/, '$1'),
  container: trimmed,
};

export function toTorrentClientEntryDto(entry: TorrentClientEntry): TorrentClientEntryDto {
  return {
    id: torrentClientId(entry.name),
    name: entry.name,
    type: entry.type,
    url: withoutCredentials(entry.url ?? ''),
    username: entry.username ?? '',
    has_password: !!entry.password,
    rpc_path: entry.rpc_path || null,
    download_dir: entry.download_dir || null,
    container: entry.container || null,
    enabled: entry.enabled !== false,
    poll_seconds: entry.poll_seconds ?? DEFAULT_POLL_SECONDS,
  };
}

const SEED_SETTINGS_ROUTE: Record<string, string> = {
  utorrent: 'PUT /api/utorrent/settings',
  rutorrent: 'PUT /api/rutorrent/settings',
};

function notFound(id: string): NotFoundException {
  const seed = SEED_SETTINGS_ROUTE[id];
  return new NotFoundException(
    seed
      ? `"${id}" is the seed's own section, not a torrent_clients entry; change it with ${seed}.`
      : `No torrent_clients entry has the id "${id}".`,
  );
}

function indexOfId(entries: readonly TorrentClientEntry[], id: string): number {
  return entries.findIndex((e) => torrentClientId(e.name) === id);
}

/**
 * The `torrent_clients` entries of config.json: list, add, change, remove (each one atomic write through
 * the ConfigStore, after which the registry adds, reconnects or closes the instance by itself), and a
 * connection test that saves nothing.
 */
@Injectable()
export class TorrentClientSettingsService {
  private readonly logger = new Logger(TorrentClientSettingsService.name);

  constructor(
    private readonly config: ConfigStore,
    private readonly http: UpstreamHttp,
  ) {}

  list(): TorrentClientEntryDto[] {
    return (this.config.get().torrent_clients ?? []).map(toTorrentClientEntryDto);
  }

  async create(dto: CreateTorrentClientDto): Promise<TorrentClientEntryDto> {
    let created: TorrentClientEntry | undefined;
    await this.config.update((draft) => {
      const entries = (draft.torrent_clients ??= []);
      const entry: TorrentClientEntry = { name: dto.name.trim(), type: dto.type, url: dto.url.trim() };
      assertIdFree(draft, entry.name);
      // Only what was sent reaches the file: absent and null leave the defaults to the schema.
      applySettingsPatch(entry, keepEmptySecrets(dto, ['password']), OPTIONAL_KEYS, NORMALISE);
      entries.push(entry);
      created = entry;
    });
    return toTorrentClientEntryDto(created as TorrentClientEntry);
  }

  async update(id: string, dto: UpdateTorrentClientDto): Promise<TorrentClientEntryDto> {
    let updated: TorrentClientEntry | undefined;
    await this.config.update((draft) => {
      const entries = draft.torrent_clients ?? [];
      const index = indexOfId(entries, id);
      if (index === -1) throw notFound(id);
      const entry = entries[index];
      if (dto.name !== undefined && dto.name.trim() !== entry.name)
        assertIdFree(draft, dto.name.trim(), index);
      const patch = keepUrlCredentials(keepEmptySecrets(dto, ['password']), entry.url);
      applySettingsPatch(entry, patch, ['name', 'type', 'url', ...OPTIONAL_KEYS], NORMALISE);
      updated = entry;
    });
    return toTorrentClientEntryDto(updated as TorrentClientEntry);
  }

  async remove(id: string): Promise<TorrentClientEntryDto> {
    let removed: TorrentClientEntry | undefined;
    await this.config.update((draft) => {
      const entries = draft.torrent_clients ?? [];
      const index = indexOfId(entries, id);
      if (index === -1) throw notFound(id);
      [removed] = entries.splice(index, 1);
    });
    return toTorrentClientEntryDto(removed as TorrentClientEntry);
  }

  /** Builds a client of the body's type and asks it for its version: reachable and the login accepted. */
  async test(dto: TestTorrentClientDto): Promise<TorrentClientTestDto> {
    const connection = this.testConnection(dto);
    const client = TORRENT_CLIENT_FACTORIES[connection.kind](
      this.http,
      () => connection,
      DEFAULT_ADD_CONFIRM_TIMING,
    );
    try {
      client.assertConfigured();
      const { version } = await client.version();
      return { ok: true, version };
    } catch (err) {
      const error = sentenceOf(err);
      this.logger.log(`Testing ${connection.service} failed: ${error}`);
      return { ok: false, error };
    } finally {
      client.reset();
    }
  }

  /**
   * The body as the registry would run it once saved (the same conversion, so the test tries what Save
   * stores); an omitted or empty password, and credentials in the URL, come from `id`'s stored client.
   */
  private testConnection(dto: TestTorrentClientDto): TorrentClientInstanceConfig {
    const stored = dto.id ? this.storedConnection(dto.id) : undefined;
    const entry: TorrentClientEntry = { name: dto.name.trim(), type: dto.type, url: dto.url.trim() };
    applySettingsPatch(entry, keepEmptySecrets(dto, ['password']), OPTIONAL_KEYS, NORMALISE);
    if (dto.password === undefined || dto.password === '') entry.password = stored?.password;
    entry.url = keepUrlCredentials({ url: entry.url }, stored?.url).url;
    const instance = torrentClientInstances({ torrent_clients: [entry] } as PanelConfig).at(-1);
    if (!instance) throw new Error('a torrent_clients entry without an instance');
    return {
      ...instance,
      credentialHint: `the username and password entered for ${entry.name}`,
      setupHint: 'enter its URL.',
    };
  }

  /** A stored client's URL and password: a torrent_clients entry, or the seed's utorrent/rutorrent section. */
  private storedConnection(id: string): { url?: string; password?: string } {
    const config = this.config.get();
    if ((SEED_TORRENT_SECTIONS as readonly string[]).includes(id))
      return config[id as (typeof SEED_TORRENT_SECTIONS)[number]] ?? {};
    const entries = config.torrent_clients ?? [];
    const index = indexOfId(entries, id);
    if (index === -1) throw notFound(id);
    return entries[index];
  }
}

/** 409 when the name's id is the seed's or another entry's, naming both. */
function assertIdFree(draft: PanelConfig, name: string, except = -1): void {
  const id = torrentClientId(name);
  if ((SEED_TORRENT_SECTIONS as readonly string[]).includes(id))
    throw new ConflictException(
      `The name "${name}" has the id "${id}", which the seed's "${id}" section already uses; choose another name.`,
    );
  const entries = draft.torrent_clients ?? [];
  const clash = entries.findIndex((e, i) => i !== except && torrentClientId(e.name) === id);
  if (clash !== -1)
    throw new ConflictException(
      `The name "${name}" has the id "${id}", which the torrent client "${entries[clash].name}" already uses; choose another name.`,
    );
}
