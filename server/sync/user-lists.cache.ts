import { Injectable } from '@nestjs/common';
import type { PanelConfig } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { MediaServersService, type TimedMediaServerRead } from '../media-servers/media-servers.service';
import { SeerrClient } from '../seerr/seerr.client';
import type { SeerrUser } from '../seerr/seerr.types';
import { NamedCache } from '../upstream/named-cache';
import { UpstreamError } from '../upstream/upstream-error';

export type SeerrUsersRead =
  | { ok: true; users: SeerrUser[]; read_at: string }
  | { ok: false; error: string; failure: UpstreamError; read_at: string };

/** Every user list the Users page is made from, each read or failed on its own. */
export interface UserLists {
  servers: TimedMediaServerRead[];
  seerr: SeerrUsersRead;
  /** When the oldest of the lists was read. */
  read_at: string;
}

/** Everything but the per-person flags: toggling a person's settings re-reads nothing. */
function readingConfig(config: PanelConfig): string {
  const { user_settings: _settings, ...rest } = config;
  return JSON.stringify(rest);
}

/**
 * The user lists of the media servers and Seerr, for views (Users, Media servers): cached so that a
 * page load and every toggle do not read every server and every Seerr user again. A sync, a config
 * change (other than per-person settings) or an explicit refresh clears it. The sync itself never reads
 * through it, and nothing is planned for deletion from it.
 */
@Injectable()
export class UserListsCache {
  private readonly seerrCache = new NamedCache<{ users: SeerrUser[]; read_at: string }>(
    'seerr-users',
    10 * 60 * 1000,
    4,
    'the Users page reads every Seerr user (1,000 a page) on each load and after every toggle; they change at a sync',
  );
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
    });
  }

  async read(refresh = false): Promise<UserLists> {
    if (refresh) this.invalidate();
    const [servers, seerr] = await Promise.all([this.media.readAllCached(), this.readSeerr()]);
    const times = [seerr.read_at, ...servers.map((s) => s.read_at)].sort();
    return { servers, seerr, read_at: times[0] };
  }

  /** Seerr's users through the cache; throws Seerr's failure (for views that need Seerr anyway). */
  async seerrUsers(): Promise<SeerrUser[]> {
    const read = await this.readSeerr();
    if (!read.ok) throw read.failure;
    return read.users;
  }

  /** After anything that changes who is where (a sync run, a user added by hand). */
  invalidate(): void {
    this.seerrCache.invalidate();
    this.media.forgetUsers();
  }

  private async readSeerr(): Promise<SeerrUsersRead> {
    const { url, api_key } = this.config.get().seerr;
    try {
      const read = await this.seerrCache.get(JSON.stringify([url, api_key]), async () => ({
        users: await this.seerr.listUsers(),
        read_at: new Date().toISOString(),
      }));
      return { ok: true, ...read };
    } catch (err) {
      // Only Seerr's own failures are a view's "unknown"; a bug is still a bug.
      if (!(err instanceof UpstreamError)) throw err;
      return { ok: false, error: err.message, failure: err, read_at: new Date().toISOString() };
    }
  }
}
