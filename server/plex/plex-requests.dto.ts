import { HTTP_URL_OR_EMPTY } from '../common/http-url.pattern';
import { BooleanField, IntField, StringField } from '../common/validation.decorators';

/** Paths, queries and bodies of the Plex routes. */

export const CONTAINER_NAME = {
  // Docker's own rule for container names.
  regex: /^$|^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
  message: 'must be a Docker container name (letters, digits, _ . -)',
};

export class PlexLibraryKeyParams {
  @StringField({
    maxLength: 10,
    pattern: { regex: /^[0-9]+$/, message: 'must be a library section key (digits)' },
    example: '1',
  })
  key!: string;
}

export class PlexHistoryQueryDto {
  @IntField({ optional: true, min: 1, max: 100000, default: 1 }) page?: number;
  @IntField({ optional: true, min: 1, max: 200, default: 25 }) page_size?: number;
  @IntField({ optional: true, min: 0, max: 2147483647, description: 'Only this account (1 is the owner)' })
  account_id?: number;
  @StringField({
    optional: true,
    maxLength: 10,
    pattern: { regex: /^[0-9]+$/, message: 'must be a library section key (digits)' },
    description: 'Only this library',
  })
  library_key?: string;
}

export class ScanPlexLibraryDto {
  @BooleanField({
    optional: true,
    nullable: false,
    default: false,
    description: 'Also refresh the metadata of every item (slow)',
  })
  force?: boolean;
}

/** A partial update: absent fields stay; the token is write-only, empty to remove it. */
export class UpdatePlexSettingsDto {
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 2000,
    pattern: HTTP_URL_OR_EMPTY,
    example: 'http://plex:32400',
  })
  url?: string;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 500,
    format: 'password',
    description:
      "The server owner's X-Plex-Token; write-only: empty or absent keeps the saved token, null removes it",
  })
  token?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 200,
    pattern: CONTAINER_NAME,
    description: 'Docker container running Plex, for restarts; null or empty to remove it',
  })
  container?: string | null;
}

export class PlexSessionIdParams {
  @StringField({
    maxLength: 100,
    pattern: { regex: /^[A-Za-z0-9_-]+$/, message: 'must be a Plex session id (letters, digits, _ -)' },
    description: 'The `session_id` of a session in GET /api/plex/sessions',
  })
  sessionId!: string;
}

export const DEFAULT_STOP_MESSAGE = 'The server owner stopped this stream.';

export class TerminatePlexSessionDto {
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 300,
    example: 'The server is being restarted in a minute.',
    description: `Shown on the player when the stream stops; "${DEFAULT_STOP_MESSAGE}" when absent or empty`,
  })
  message?: string;
}
