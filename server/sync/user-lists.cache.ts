import { Injectable } from '@nestjs/common';
import type { MediaServerSection, PanelConfig } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import type { MediaUser } from '../media-servers/media-server.types';
import { isEnabled, MediaServersService } from '../media-servers/media-servers.service';
import { SeerrClient } from '../seerr/seerr.client';
import type { SeerrUser } from '../seerr/seerr.types';
import { NamedCache } from '../upstream/named-cache';
import { UpstreamError } from '../upstream/upstream-error';
import { LastGood } from './last-good';
import {
  shownAt,
  type SeerrUsersRead,
  type ServerUsersRead,
  type StaleList,
  type UserLists,
} from './user-lists.types';

export type { SeerrUsersRead, ServerUsersRead, UserLists } from './user-lists.types';

const SEERR = 'seerr';

/** Everything but the per-person flags: toggling a person's settings re-reads nothing. */
function readingConfig(config: PanelConfig): string {
  const { user_settings: _settings, ...rest } = config;
  return JSON.stringify(rest);
}

/** What a list was read with: another URL or key is another upstream, whose data must never mix. */
const seerrFingerprint = (config: PanelConfig) => JSON.stringify([config.seerr.url, config.seerr.api_key]);
const serverFingerprint = (server: MediaServerSection) => JSON.stringify(server);

/**
 * The user lists of the media servers and Seerr, for views (Users, Media servers): cached so that a
 * page load and every toggle do not read every server and every Seerr user again. A sync, a config
 * change (other than per-person settings) or an explicit refresh clears it. The sync itself never reads
 * through it, and nothing is planned for deletion from it.
 *
 * Beside the cache it keeps each upstream's last good list (in memory, until that upstream's URL, key or
 * entry changes), so an outage shows the old list marked stale instead of emptying the page.
 */
@Injectable()
export class UserListsCache {
  private readonly seerrCache = new NamedCache<{ users: SeerrUser[]; read_at: string }>(
    'seerr-users',
    10 * 60 * 1000,
    4,
    'the Users page reads every Seerr user (1,000 a page) on each load and after every toggle; they change at a sync',
  );
  private readonly lastSeerr = new LastGood<StaleList<SeerrUser>>();
  private readonly lastServers = new LastGood<StaleList<MediaUser>>();
  private lastConfig: string;

  constructor(
    private readonly config: ConfigStore,
    private readonly media: MediaServersService,
    private readonly seerr: SeerrClient,
  ) {
    this.lastConfig = readingConfig(config.get());
    config.onChange((next) => {
      const fingerprint = readingConfig(next);
      if (fingerprint === this.lastConfig) return;
      this.lastConfig = fingerprint;
      this.invalidate();
      this.lastSeerr.retain(new Map([[SEERR, seerrFingerprint(next)]]));
      this.lastServers.retain(
        new Map(next.media_servers.filter(isEnabled).map((s) => [s.name, serverFingerprint(s)])),
      );
    });
  }

  async read(refresh = false): Promise<UserLists> {
    if (refresh) this.invalidate();
    const [servers, seerr] = await Promise.all([this.readServers(), this.readSeerr()]);
    const times = [seerr, ...servers].map(shownAt).sort();
    return { servers, seerr, read_at: times[0] };
  }

  /** Seerr's users through the cache; throws Seerr's failure (for views that need Seerr anyway). */
  async seerrUsers(): Promise<SeerrUser[]> {
    const read = await this.readSeerr();
    if (!read.ok) throw read.failure;
    return read.users;
  }

  /**
   * After a change only Seerr's side shows (a request deleted changes a requestCount): the next read asks
   * Seerr again, and the media servers' lists stay cached.
   */
  forgetSeerrUsers(): void {
    this.seerrCache.invalidate();
  }

  /** After anything that changes who is where (a sync run, a user added by hand). */
  invalidate(): void {
    this.forgetSeerrUsers();
    this.media.forgetUsers();
  }

  private async readServers(): Promise<ServerUsersRead[]> {
    const reads = await this.media.readAllCached();
    return reads.map((read) => {
      const fingerprint = serverFingerprint(read.server);
      if (!read.ok) return { ...read, last_good: this.lastServers.recall(read.server.name, fingerprint) };
      // Only while the entry is still configured: a read that outlived a config change is not kept.
      if (this.config.get().media_servers.some((s) => serverFingerprint(s) === fingerprint))
        this.lastServers.remember(read.server.name, fingerprint, {
          users: read.users,
          read_at: read.read_at,
        });
      return read;
    });
  }

  private async readSeerr(): Promise<SeerrUsersRead> {
    const fingerprint = seerrFingerprint(this.config.get());
    try {
      const read = await this.seerrCache.get(fingerprint, async () => ({
        users: await this.seerr.listUsers(),
        read_at: new Date().toISOString(),
      }));
      if (seerrFingerprint(this.config.get()) === fingerprint)
        this.lastSeerr.remember(SEERR, fingerprint, read);
      return { ok: true, ...read };
    } catch (err) {
      // Only Seerr's own failures are a view's "unknown" (or stale); a bug is still a bug.
      if (!(err instanceof UpstreamError)) throw err;
      return {
        ok: false,
        error: err.message,
        failure: err,
        read_at: new Date().toISOString(),
        last_good: this.lastSeerr.recall(SEERR, fingerprint),
      };
    }
  }
}
