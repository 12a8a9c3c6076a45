import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DEFAULT_SYNC } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { getUserSetting, setUserSetting } from '../config/user-settings';
import { SeerrClient } from '../seerr/seerr.client';
import { isManager, type SeerrUser } from '../seerr/seerr.types';
import { SyncPlanner } from '../sync/sync-planner.service';
import { SyncRunStore } from '../sync/sync-run.store';
import { UserListsCache } from '../sync/user-lists.cache';
import { shownLists } from '../sync/user-lists.types';
import { usersView } from './users-view';
import { SeerrMatcher } from '../sync/seerr-matcher';
import { SeerrUserCreationFailed, SeerrUserCreator } from '../sync/seerr-user.creator';
import type {
  CreatedUserDto,
  CreateUserDto,
  DetailedUsersDto,
  SeerrUserDto,
  UpdateUserSettingsDto,
  UserSettingsResultDto,
} from './users.dto';

export function toSeerrUserDto(u: SeerrUser): SeerrUserDto {
  return {
    id: u.id,
    email: u.email,
    username: u.username,
    plex_username: u.plexUsername,
    jellyfin_username: u.jellyfinUsername,
    display_name: u.displayName,
    user_type: u.userType,
    permissions: u.permissions,
    movie_quota_limit: u.movieQuotaLimit,
    movie_quota_days: u.movieQuotaDays,
    tv_quota_limit: u.tvQuotaLimit,
    tv_quota_days: u.tvQuotaDays,
    request_count: u.requestCount,
    created_at: u.createdAt,
  };
}

/** People across media servers and Seerr: the users page, per-user settings and manual adds. */
@Injectable()
export class UsersService {
  constructor(
    private readonly seerr: SeerrClient,
    private readonly creator: SeerrUserCreator,
    private readonly planner: SyncPlanner,
    private readonly runs: SyncRunStore,
    private readonly config: ConfigStore,
    private readonly lists: UserListsCache,
  ) {}

  async seerrUsers(): Promise<SeerrUserDto[]> {
    return (await this.seerr.listUsers()).map(toSeerrUserDto);
  }

  /**
   * One row per person, with why they are not synced; last run's Seerr rejections explain failed creates.
   * Made from the cached user lists (`refresh` reads them anew). An upstream down after a good read is
   * shown from that read, marked stale; with Seerr down and no earlier list, the media-server people are
   * still listed, their Seerr columns unknown (`seerr_error`). The plan here only explains rows: the sync
   * plans from lists it reads itself.
   */
  async detailed(refresh = false): Promise<DetailedUsersDto> {
    const [lists, last] = await Promise.all([this.lists.read(refresh), this.runs.latest()]);
    const lastRun = last ? await this.runs.get(last.id) : undefined;
    const rejected = new Map(
      (lastRun?.users ?? [])
        .filter((u) => u.outcome === 'error' && u.message !== null)
        .map((u) => [u.username.toLowerCase(), u.message as string]),
    );
    const shown = shownLists(lists);
    const plan = shown.seerrUsers ? this.planner.planFrom(shown.servers, shown.seerrUsers) : null;
    return usersView({ lists, shown, plan, config: this.config.get(), rejected });
  }

  async updateSettings(username: string, dto: UpdateUserSettingsDto): Promise<UserSettingsResultDto> {
    const key = username.toLowerCase();
    let seerrId: number | null = null;
    if (dto.password !== undefined) {
      const account = await this.findSeerrUser(username);
      if (!account)
        throw new NotFoundException(`${username} has no Seerr account, so there is no password to set.`);
      // Seerr lets the API key set any password without the current one: the panel does not for these.
      if (account.id === 1 || isManager(account.permissions)) {
        throw new ForbiddenException(
          `${username} is ${account.id === 1 ? "Seerr's owner" : 'a Seerr administrator (admin or manage-users permission)'}: the panel does not change their password; they change it in Seerr.`,
        );
      }
      await this.seerr.setPassword(account.id, dto.password);
      seerrId = account.id;
    }
    const config = await this.config.update((draft) => {
      const current = getUserSetting(draft.user_settings, key) ?? {};
      setUserSetting(draft.user_settings, key, {
        ...current,
        ...(dto.blocked === undefined ? {} : { blocked: dto.blocked }),
        ...(dto.immune === undefined ? {} : { immune: dto.immune }),
        ...(dto.added_by_hand === undefined ? {} : { added_by_hand: dto.added_by_hand }),
      });
    });
    const setting = getUserSetting(config.user_settings, key) ?? {};
    // The row as the Users page shows it now, from the cached lists: a toggle re-reads nothing.
    const view = await this.detailed();
    return {
      username,
      blocked: setting.blocked === true,
      immune: setting.immune === true,
      added_by_hand: setting.added_by_hand === true,
      seerr_id: seerrId,
      password_changed: dto.password !== undefined,
      user: view.users.find((u) => u.username.toLowerCase() === key) ?? null,
    };
  }

  /** The old `add-user`: a Seerr account with password, permissions and request limit, plus the panel's flags. */
  async addUser(dto: CreateUserDto): Promise<CreatedUserDto> {
    const key = dto.username.toLowerCase();
    const recordFlags = (created: boolean) =>
      this.config.update((draft) => {
        setUserSetting(draft.user_settings, key, {
          ...getUserSetting(draft.user_settings, key),
          blocked: dto.blocked ?? false,
          immune: dto.immune ?? false,
          // On no media server, so the next sync with removal on would delete it: recorded as hand-made.
          ...(created ? { added_by_hand: true } : {}),
        });
      });
    if (dto.blocked) {
      await recordFlags(false);
      return {
        username: dto.username,
        seerr_id: null,
        message: `${dto.username} is recorded as blocked, so no Seerr account was created.`,
      };
    }
    const existing = await this.findSeerrUser(dto.username, dto.email);
    if (existing)
      throw new ConflictException(
        `Seerr already has a user for ${dto.username} (#${existing.id}, ${existing.displayName}).`,
      );
    const sync = this.config.get().sync;
    const limit = dto.request_limit;
    const id = await this.creator
      .create({
        username: dto.username,
        email: dto.email,
        password: dto.password,
        quota: limit === undefined ? null : { limit, days: sync?.quota_days ?? DEFAULT_SYNC.quota_days },
        permissions: dto.permissions ?? sync?.default_permissions,
      })
      // The route answers with the upstream's own failure (its status and the service it names).
      .catch((err: unknown) => {
        throw err instanceof SeerrUserCreationFailed ? err.cause : err;
      });
    await recordFlags(true);
    this.lists.invalidate();
    return { username: dto.username, seerr_id: id, message: `Created ${dto.username} in Seerr as #${id}.` };
  }

  /** The one Seerr account of a person; a 409 when several could be theirs, so no one else is changed. */
  private async findSeerrUser(username: string, email?: string): Promise<SeerrUser | undefined> {
    const match = new SeerrMatcher(await this.seerr.listUsers()).match({
      key: username.toLowerCase(),
      username,
      email: email ?? null,
    });
    if (match.kind === 'ambiguous') {
      throw new ConflictException(
        `${username} cannot be told apart in Seerr: ${match.reason}; nothing was changed.`,
      );
    }
    return match.kind === 'one' ? match.user : undefined;
  }
}
