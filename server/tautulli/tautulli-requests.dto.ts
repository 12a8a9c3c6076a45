import { EnumField, IntField, StringField } from '../common/validation.decorators';
import { HTTP_URL_OR_EMPTY } from '../common/http-url.pattern';
import { TAUTULLI_STATS_TYPES, type TautulliStatsType } from './tautulli.dto';

/** Queries and bodies of the Tautulli routes. */

export class TautulliStatsQueryDto {
  @IntField({ optional: true, min: 1, max: 3650, default: 30, description: 'Days counted back from today' })
  days?: number;
  @IntField({ optional: true, min: 1, max: 100, default: 10, description: 'Rows in each list' })
  count?: number;
  @EnumField(TAUTULLI_STATS_TYPES, { optional: true, enumName: 'TautulliStatsType', default: 'plays' })
  stats_type?: TautulliStatsType;
}

export class TautulliHistoryQueryDto {
  @IntField({ optional: true, min: 1, max: 100000, default: 1 }) page?: number;
  @IntField({ optional: true, min: 1, max: 200, default: 25 }) page_size?: number;
  @IntField({
    optional: true,
    min: 0,
    max: 2147483647,
    description: 'Only this user (see /api/tautulli/users)',
  })
  user_id?: number;
}

export class TautulliPlaysQueryDto {
  @IntField({ optional: true, min: 1, max: 365, default: 30, description: 'Days counted back from today' })
  days?: number;
}

/** A partial update: absent fields stay; the key is write-only, empty to remove it. */
export class UpdateTautulliSettingsDto {
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 2000,
    pattern: HTTP_URL_OR_EMPTY,
    example: 'http://tautulli:8181',
  })
  url?: string;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 200,
    format: 'password',
    description:
      "Tautulli's API key (Settings → Web Interface); write-only: empty or absent keeps the saved key, null removes it",
  })
  api_key?: string | null;
}
