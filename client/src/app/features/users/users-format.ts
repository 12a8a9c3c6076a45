import {
  type DetailedUserDto,
  type DetailedUsersDto,
  type SeerrQuotaDto,
  type SignInMethod,
} from '../../api';
import { formatAge } from '../../common/format/durations';

/** Where the person signs in: Seerr's own form (its "E-mail" field) or their media server's button. */
export const SIGN_IN_METHOD_LABEL: Readonly<Record<SignInMethod, string>> = {
  local: 'Seerr sign-in (E-mail field)',
  plex: 'Sign in with Plex',
  jellyfin: 'Sign in with Jellyfin',
  emby: 'Sign in with Emby',
};

/** The "Signs in with" cell: what to type, or a dash when there is no account and none planned. */
export function signInText(user: Pick<DetailedUserDto, 'sign_in' | 'sign_in_method' | 'status'>): string {
  if (user.status === 'unknown') return '?';
  if (!user.sign_in || !user.sign_in_method) return '—';
  return user.sign_in_method === 'local' ? user.sign_in : `${user.sign_in} (${user.sign_in_method})`;
}

function oneLimit(limit: number | null, days: number | null): string {
  if (limit === null) return 'Seerr default';
  return days ? `${limit} per ${days} days` : `${limit}`;
}

/** Seerr's quota of an account as one phrase ("5 per 7 days"; movies and TV apart when they differ). */
export function seerrQuotaText(quota: SeerrQuotaDto): string {
  const movies = oneLimit(quota.movie_limit, quota.movie_days);
  const tv = oneLimit(quota.tv_limit, quota.tv_days);
  return movies === tv ? movies : `movies ${movies}, TV ${tv}`;
}

export interface LimitView {
  /** What Seerr enforces now (or why that is not known). */
  readonly seerr: string;
  /** The limit the sync sets, shown when it differs from Seerr's. */
  readonly intended: number | null;
}

/** The Limit column: Seerr's real quota, and the server's intended one when they differ. */
export function limitView(
  user: Pick<DetailedUserDto, 'seerr_quota' | 'request_limit' | 'status'>,
): LimitView {
  const intended = user.request_limit;
  const quota = user.seerr_quota;
  if (!quota) {
    const seerr = user.status === 'unknown' ? '?' : 'No Seerr account';
    return { seerr, intended };
  }
  const same = intended === null || (quota.movie_limit === intended && quota.tv_limit === intended);
  return { seerr: seerrQuotaText(quota), intended: same ? null : intended };
}

/** A reason inside parentheses, without the full stop that ends the server's sentences. */
const inParentheses = (reason: string) => `(${reason.replace(/\.$/, '')})`;
/** A reason as a sentence of its own, whether or not the server ended it with a full stop. */
const asSentence = (reason: string) => (/[.!?]$/.test(reason) ? reason : `${reason}.`);

/** The Seerr banner when its last good list is shown: the reason and how old that list is. */
export function seerrStaleText(error: string, readAt: string, now: number): string {
  return `Seerr could not be read ${inParentheses(error)}; its columns are from the list read ${formatAge(readAt, now)}.`;
}

/** One line per server that could not be read: what the table shows of its people instead. */
export function serverOutageTexts(
  data: Pick<DetailedUsersDto, 'server_errors' | 'stale_servers'>,
  now: number,
): string[] {
  return data.server_errors.map((error) => {
    // server_errors name the server first ("Jelly: …"), as the server has always sent them.
    const stale = data.stale_servers.find((s) => error.startsWith(`${s.name}: `));
    return stale
      ? `${asSentence(error)} Its people are from the list read ${formatAge(stale.read_at, now)}.`
      : `${asSentence(error)} Its people are missing below.`;
  });
}
