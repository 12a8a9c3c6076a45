import {
  type CreateTorrentClientDto,
  type TestTorrentClientDto,
  type TorrentClientType,
  type UpdateRutorrentSettingsDto,
  type UpdateTorrentClientDto,
  type UpdateTorrentClientSettingsDto,
} from '../../api';
import { type ClientField, SEED_NAMES, type TorrentClientRow } from './torrent-client-form';

/** What the dialog's form holds. */
export interface ClientFormValue {
  readonly name: string;
  readonly type: TorrentClientType;
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly rpc_path: string;
  readonly download_dir: string;
  readonly container: string;
  readonly poll_seconds: number | null;
  readonly enabled: boolean;
}

const OPTIONAL_FIELDS: readonly ClientField[] = ['username', 'rpc_path', 'download_dir', 'container'];

/** The non-empty values of the optional fields the type shows. */
function optional(
  v: ClientFormValue,
  shown: ReadonlySet<ClientField>,
  keys: readonly ClientField[],
): Partial<Record<ClientField, string>> {
  const out: Partial<Record<ClientField, string>> = {};
  for (const key of keys) {
    const value = v[key].trim();
    if (value && shown.has(key)) out[key] = value;
  }
  return out;
}

/** Only what was filled in: the server writes nothing else to config.json. */
export function createBody(v: ClientFormValue, shown: ReadonlySet<ClientField>): CreateTorrentClientDto {
  return {
    name: v.name.trim(),
    type: v.type,
    url: v.url.trim(),
    ...optional(v, shown, OPTIONAL_FIELDS),
    ...(v.password ? { password: v.password } : {}),
    ...(v.poll_seconds !== null ? { poll_seconds: v.poll_seconds } : {}),
    ...(v.enabled ? {} : { enabled: false }),
  };
}

/**
 * What changed (`dirty`), with emptied fields as null (cleared), null for stored settings the type no
 * longer shows, and the password only when one was typed (else the stored one stays).
 */
export function updateBody(
  v: ClientFormValue,
  dirty: ReadonlySet<keyof ClientFormValue>,
  shown: ReadonlySet<ClientField>,
  row: TorrentClientRow,
): UpdateTorrentClientDto {
  const changed: UpdateTorrentClientDto = {};
  if (dirty.has('name')) changed.name = v.name.trim();
  if (dirty.has('type')) changed.type = v.type;
  if (dirty.has('url')) changed.url = v.url.trim();
  for (const key of OPTIONAL_FIELDS) {
    if (!shown.has(key)) {
      if (row[key]) changed[key] = null;
    } else if (dirty.has(key)) {
      changed[key] = v[key].trim() || null;
    }
  }
  if (dirty.has('poll_seconds')) changed.poll_seconds = v.poll_seconds;
  if (dirty.has('enabled')) changed.enabled = v.enabled;
  if (v.password) changed.password = v.password;
  return changed;
}

/** The seed's `utorrent` route: a username is "" rather than null, the poll period cannot be cleared. */
export function utorrentBody(changed: UpdateTorrentClientDto): UpdateTorrentClientSettingsDto {
  return {
    url: changed.url,
    username: changed.username === null ? '' : changed.username,
    password: changed.password,
    poll_seconds: changed.poll_seconds ?? undefined,
  };
}

/** The seed's `rutorrent` route, whose rpc_path wants the leading slash that ruTorrent users leave out. */
export function rutorrentBody(changed: UpdateTorrentClientDto): UpdateRutorrentSettingsDto {
  const rpc = changed.rpc_path;
  return {
    ...utorrentBody(changed),
    rpc_path: rpc ? `/${rpc.replace(/^\/+/, '')}` : rpc,
    container: changed.container,
    download_dir: changed.download_dir,
  };
}

/** The form as it is, for the test route; with `id`, an empty password means the stored one. */
export function testBody(
  v: ClientFormValue,
  shown: ReadonlySet<ClientField>,
  row: TorrentClientRow | null,
): TestTorrentClientDto {
  return {
    name: row?.seed ? SEED_NAMES[row.seed] : v.name.trim(),
    type: v.type,
    url: v.url.trim(),
    ...optional(v, shown, ['username', 'rpc_path', 'download_dir']),
    ...(v.password ? { password: v.password } : {}),
    ...(row ? { id: row.id } : {}),
  };
}
