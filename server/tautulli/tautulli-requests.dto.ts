import { EnumField, IntField, NotAfter, StringField } from '../common/validation.decorators';
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

/** What Tautulli's `get_history` filters `media_type` by. */
export const TAUTULLI_MEDIA_TYPES = ['movie', 'episode', 'track', 'live', 'collection', 'playlist'] as const;
export type TautulliMediaType = (typeof TAUTULLI_MEDIA_TYPES)[number];

const DAY = { regex: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: 'must be a date, YYYY-MM-DD' };

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
  @StringField({
    optional: true,
    maxLength: 10,
    pattern: { regex: /^[0-9]+$/, message: 'must be a library section id (digits)' },
    description: 'Only this library (see /api/tautulli/libraries)',
  })
  section_id?: string;
  @EnumField(TAUTULLI_MEDIA_TYPES, { optional: true, enumName: 'TautulliMediaType' })
  media_type?: TautulliMediaType;
  @StringField({
    optional: true,
    maxLength: 10,
    pattern: DAY,
    example: '2024-05-01',
    description: 'Plays started on this day or later',
  })
  @NotAfter('to')
  from?: string;
  @StringField({
    optional: true,
    maxLength: 10,
    pattern: DAY,
    example: '2024-05-31',
    description: 'Plays started on this day or earlier',
  })
  to?: string;
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
