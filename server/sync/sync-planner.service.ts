import { Injectable } from '@nestjs/common';
import { DEFAULT_SYNC } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import type { MediaServerRead } from '../media-servers/media-server.types';
import { MediaServersService } from '../media-servers/media-servers.service';
import { SeerrClient } from '../seerr/seerr.client';
import { planSync } from './sync-plan';
import type { PlanOptions, PlanServer, SyncPlan } from './sync-plan.types';
import type { SyncOptionsDto } from './sync.dto';
import type { SeerrUser } from '../seerr/seerr.types';

export interface PlannedRun {
  plan: SyncPlan;
  options: PlanOptions;
  readMs: number;
  /** What the plan was made from, for views that show more than the plan (the users page). */
  seerrUsers: SeerrUser[];
}

/** Reads every enabled media server and Seerr at once, then makes the plan. Writes nothing. */
@Injectable()
export class SyncPlanner {
  constructor(
    private readonly config: ConfigStore,
    private readonly media: MediaServersService,
    private readonly seerr: SeerrClient,
  ) {}

  options(request: SyncOptionsDto = {}): PlanOptions {
    const sync = this.config.get().sync ?? {};
    return {
      removeMissing: request.remove_missing ?? sync.remove_missing ?? DEFAULT_SYNC.remove_missing,
      defaultPermissions: request.permissions ?? sync.default_permissions ?? null,
      deletionCap: sync.deletion_cap ?? null,
      quotaDays: sync.quota_days ?? DEFAULT_SYNC.quota_days,
      force: request.force ?? false,
    };
  }

  /** Throws the UpstreamError of Seerr when Seerr cannot be read: without it nothing can be planned. */
  async plan(request: SyncOptionsDto = {}): Promise<PlannedRun> {
    const options = this.options(request);
    const started = Date.now();
    const [reads, seerrUsers] = await Promise.all([this.media.readAll(), this.seerr.listUsers()]);
    const readMs = Date.now() - started;
    return { plan: this.planFrom(reads, seerrUsers, options), options, readMs, seerrUsers };
  }

  /** The plan from lists already read (the users page's cached ones); reads nothing. */
  planFrom(reads: MediaServerRead[], seerrUsers: SeerrUser[], options = this.options()): SyncPlan {
    const servers = toPlanServers(reads);
    return planSync({ servers, seerrUsers, userSettings: this.config.get().user_settings, options });
  }
}

export function toPlanServers(reads: readonly MediaServerRead[]): PlanServer[] {
  return reads.map((read) => ({
    name: read.server.name,
    type: read.server.type,
    password_suffix: read.server.password_suffix ?? '',
    request_limit: read.server.request_limit,
    read: read.ok ? { ok: true, users: read.users } : { ok: false, error: read.error },
  }));
}
