import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { MediaServerSection, PanelConfig } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { applySettingsPatch, keepEmptySecrets, keepUrlCredentials } from '../config/settings-patch';
import { withoutCredentials } from '../common/url-credentials';
import { invalidField } from '../common/validation.pipe';
import { NamedCache } from '../upstream/named-cache';
import { MediaServerClientFactory } from './media-server-client.factory';
import { checkMediaServer } from './media-server.check';
import { failureSentence, serverLabel } from './media-server.errors';
import { includesOwner, type MediaServerRead } from './media-server.types';
import type {
  CreateMediaServerDto,
  MediaServerDto,
  MediaServerStatusDto,
  MediaServerTestDto,
  TestMediaServerDto,
  UpdateMediaServerDto,
} from './media-servers.dto';

/** Servers are enabled unless the file says `"enabled": false` (Seerrsync files may omit the key). */
export function isEnabled(server: MediaServerSection): boolean {
  return server.enabled !== false;
}

export function toMediaServerDto(server: MediaServerSection): MediaServerDto {
  return {
    name: server.name,
    type: server.type,
    url: withoutCredentials(server.url),
    enabled: isEnabled(server),
    token_set: server.token !== '',
    password_suffix: server.password_suffix ?? null,
    request_limit: server.request_limit ?? null,
    machine_identifier: server.machine_identifier || null,
    include_owner: includesOwner(server),
  };
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Exact name first, then ignoring case (names are unique ignoring case). */
function indexOfServer(servers: readonly MediaServerSection[], name: string): number {
  const exact = servers.findIndex((s) => s.name === name);
  return exact !== -1 ? exact : servers.findIndex((s) => sameName(s.name, name));
}

function notFound(name: string): NotFoundException {
  return new NotFoundException(`No media server named "${name}".`);
}

/** Copies the optional settings of a body onto an entry: a value sets, null clears, absent keeps. */
function applyOptional(server: MediaServerSection, dto: CreateMediaServerDto | UpdateMediaServerDto): void {
  applySettingsPatch(server, dto, [
    'password_suffix',
    'request_limit',
    'machine_identifier',
    'enabled',
    'include_owner',
  ]);
}

/** A server's users as read at `read_at` (ISO time), for views that may show cached lists. */
export type TimedMediaServerRead = MediaServerRead & { read_at: string };

/** The configured media servers: their users (for the sync and the list) and their settings. */
@Injectable()
export class MediaServersService {
  private readonly logger = new Logger(MediaServersService.name);
  /**
   * Keyed by the whole server entry, so a changed URL, token or setting is a miss. Failed reads are not
   * kept. The sync never reads through it: it always plans from fresh lists.
   */
  private readonly usersCache = new NamedCache<TimedMediaServerRead>(
    'media-server-users',
    10 * 60 * 1000,
    50,
    'the Users and Media servers pages load every server’s full user list on each visit and after every toggle; the lists change rarely',
    (read) => read.ok,
  );

  constructor(
    private readonly config: ConfigStore,
    private readonly clients: MediaServerClientFactory,
  ) {}

  /**
   * The users of every enabled server among `entries` (default: the configuration), read
   * concurrently. A server that cannot be read is reported with the reason, never thrown, so one
   * server down leaves the others usable and "no users" stays distinct from "unreadable".
   */
  readAll(
    entries: readonly MediaServerSection[] = this.config.get().media_servers,
  ): Promise<MediaServerRead[]> {
    return Promise.all(entries.filter(isEnabled).map((server) => this.read(server)));
  }

  /** `readAll` through the cache (`refresh` reads anew); a sync, a config change or a refresh clears it. */
  readAllCached(
    refresh = false,
    entries: readonly MediaServerSection[] = this.config.get().media_servers,
  ): Promise<TimedMediaServerRead[]> {
    if (refresh) this.forgetUsers();
    return Promise.all(
      entries.filter(isEnabled).map((server) =>
        this.usersCache.get(JSON.stringify(server), async () => ({
          ...(await this.read(server)),
          read_at: new Date().toISOString(),
        })),
      ),
    );
  }

  /**
   * Fresh reads for the health probes (readiness, the Dashboard's dots). A server that fails is dropped
   * from the cache too, so its card and the users page say what the probe found.
   */
  async probeAll(
    entries: readonly MediaServerSection[] = this.config.get().media_servers,
  ): Promise<MediaServerRead[]> {
    const reads = await this.readAll(entries);
    for (const read of reads) if (!read.ok) this.usersCache.invalidate(JSON.stringify(read.server));
    return reads;
  }

  forgetUsers(): void {
    this.usersCache.invalidate();
  }

  private async read(server: MediaServerSection): Promise<MediaServerRead> {
    try {
      return { server, ok: true, users: await this.clients.create(server).listUsers() };
    } catch (err) {
      const error = failureSentence(serverLabel(server), err);
      this.logger.warn(error);
      return { server, ok: false, error };
    }
  }

  async list(refresh = false): Promise<MediaServerStatusDto[]> {
    const servers = this.config.get().media_servers;
    const reads = new Map((await this.readAllCached(refresh, servers)).map((r) => [r.server, r]));
    return servers.map((server) => withStatus(server, reads.get(server)));
  }

  async get(name: string): Promise<MediaServerStatusDto> {
    const server = this.find(name);
    const [read] = await this.readAll([server]);
    return withStatus(server, read);
  }

  find(name: string): MediaServerSection {
    const servers = this.config.get().media_servers;
    const index = indexOfServer(servers, name);
    if (index === -1) throw notFound(name);
    return servers[index];
  }

  async create(dto: CreateMediaServerDto): Promise<MediaServerDto> {
    let created: MediaServerSection | undefined;
    await this.config.update((draft) => {
      this.assertNameFree(draft, dto.name);
      created = { name: dto.name, type: dto.type, url: dto.url, token: dto.token, enabled: true };
      applyOptional(created, dto);
      draft.media_servers.push(created);
    });
    return toMediaServerDto(created as MediaServerSection);
  }

  async update(name: string, dto: UpdateMediaServerDto): Promise<MediaServerDto> {
    let updated: MediaServerSection | undefined;
    await this.config.update((draft) => {
      const index = indexOfServer(draft.media_servers, name);
      if (index === -1) throw notFound(name);
      const server = draft.media_servers[index];
      if (dto.name !== undefined && dto.name !== server.name) {
        this.assertNameFree(draft, dto.name, index);
        renameInUserSettings(draft, server.name, dto.name);
        server.name = dto.name;
      }
      const patch = keepUrlCredentials(keepEmptySecrets(dto, ['token']), server.url);
      applySettingsPatch(server, patch, ['type', 'url', 'token']);
      applyOptional(server, dto);
      updated = server;
    });
    return toMediaServerDto(updated as MediaServerSection);
  }

  async remove(name: string): Promise<void> {
    await this.config.update((draft) => {
      const index = indexOfServer(draft.media_servers, name);
      if (index === -1) throw notFound(name);
      draft.media_servers.splice(index, 1);
    });
  }

  test(name: string): Promise<MediaServerTestDto> {
    return this.check(this.find(name));
  }

  /** Tries a form's values as Save would store them; nothing is saved. */
  testUnsaved(dto: TestMediaServerDto): Promise<MediaServerTestDto> {
    const stored = dto.saved_name ? this.find(dto.saved_name) : undefined;
    const token = dto.token?.trim() || stored?.token;
    if (!token) throw invalidField('token', 'token must be given to test a server that is not saved');
    const server: MediaServerSection = {
      name: dto.name,
      type: dto.type,
      url: keepUrlCredentials({ url: dto.url }, stored?.url).url,
      token,
    };
    applyOptional(server, dto);
    return this.check(server);
  }

  private check(server: MediaServerSection): Promise<MediaServerTestDto> {
    return checkMediaServer(this.clients.create(server), serverLabel(server));
  }

  private assertNameFree(draft: PanelConfig, name: string, except = -1): void {
    const clash = draft.media_servers.findIndex((s, i) => i !== except && sameName(s.name, name));
    if (clash !== -1)
      throw new ConflictException(
        `A media server named "${draft.media_servers[clash].name}" already exists.`,
      );
  }
}

function withStatus(
  server: MediaServerSection,
  read: (MediaServerRead & { read_at?: string }) | undefined,
): MediaServerStatusDto {
  const users = read?.ok ? read.users.length : null;
  return {
    ...toMediaServerDto(server),
    users,
    user_count: users,
    error: read && !read.ok ? read.error : null,
    read_at: read?.read_at ?? (read ? new Date().toISOString() : null),
  };
}

/** `user_settings.*.source_servers` name servers; a rename must not silently orphan those entries. */
function renameInUserSettings(draft: PanelConfig, from: string, to: string): void {
  for (const setting of Object.values(draft.user_settings)) {
    if (setting.source_servers)
      setting.source_servers = setting.source_servers.map((s) => (s === from ? to : s));
  }
}
