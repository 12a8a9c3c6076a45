import { attrs, children, flag, isNode, mediaContainer, text } from '../plex-common/plex.node';
import { UnexpectedAnswer } from '../upstream/unexpected-answer';
import type { MediaServerInfo, MediaUser } from './media-server.types';

/*
 * plex.tv and PMS answers, XML or JSON, to the panel's shapes. XML arrives as xml2js objects
 * (attributes under `$`, children as arrays, `"0"`/`"1"` booleans); the JSON variants put the
 * attributes as keys. Both shapes go through `attrs` and `children`, so one mapper reads either.
 */
/** A plex.tv account connected to the token owner (`/api/users`), with the owner's servers it can use. */
export interface PlexTvAccount {
  id: string;
  username: string;
  email: string;
  /** machineIdentifiers of the owner's servers shared with this account. */
  servers: string[];
}

/** `GET /api/users`: friends and Home members; never the owner. */
export function plexTvAccounts(body: unknown): PlexTvAccount[] {
  return children(mediaContainer(body), 'User').map((node) => {
    const a = attrs(node);
    const id = text(a.id);
    if (!id) throw new UnexpectedAnswer('a User without an id');
    return {
      id,
      username: text(a.username),
      email: text(a.email),
      servers: children(node, 'Server').map((s) => text(attrs(s).machineIdentifier)),
    };
  });
}

/** One share of one server (`/api/servers/{id}/shared_servers`); `userID` joins to the account id. */
export interface PlexShare {
  userId: string;
  username: string;
  email: string;
}

export function plexShares(body: unknown): PlexShare[] {
  return children(mediaContainer(body), 'SharedServer').map((node) => {
    const a = attrs(node);
    const userId = text(a.userID);
    if (!userId) throw new UnexpectedAnswer('a SharedServer without a userID');
    return { userId, username: text(a.username), email: text(a.email) };
  });
}

function plexUser(id: string, username: string, email: string): MediaUser {
  // Managed Home users have no plex.tv account: empty username and e-mail, only a title.
  return {
    id,
    username,
    email: email || null,
    disabled: false,
    managed: username === '',
    admin: false,
    owner: false,
  };
}

/**
 * The users of the owner's Plex: every account, or with `shares` only those sharing that one server,
 * named from their account (the share's own name and e-mail when plex.tv lists no such account).
 */
export function plexUsers(accounts: readonly PlexTvAccount[], shares?: readonly PlexShare[]): MediaUser[] {
  if (!shares) return accounts.map((a) => plexUser(a.id, a.username, a.email));
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const seen = new Set<string>();
  const out: MediaUser[] = [];
  for (const share of shares) {
    if (seen.has(share.userId)) continue;
    seen.add(share.userId);
    const account = byId.get(share.userId);
    out.push(plexUser(share.userId, account?.username ?? share.username, account?.email || share.email));
  }
  return out;
}

/** `GET /api/v2/user` (JSON): the token owner, who owns and administers the server. */
export function plexOwner(body: unknown): MediaUser {
  if (!isNode(body)) throw new UnexpectedAnswer('the account is not an object');
  const id = text(body.id);
  const username = text(body.username);
  if (!id || !username) throw new UnexpectedAnswer('the account has no id or username');
  return { ...plexUser(id, username, text(body.email)), admin: true, owner: true };
}

/** PMS `/` (or `/identity`): `friendlyName` and `version` of the MediaContainer. */
export function plexServerInfo(body: unknown): MediaServerInfo {
  const a = attrs(mediaContainer(body));
  const version = text(a.version);
  if (!version) throw new UnexpectedAnswer('no version');
  return { name: text(a.friendlyName), version };
}

export interface PlexResourceConnection {
  uri: string;
  local: boolean;
  relay: boolean;
}

export interface PlexResource {
  name: string;
  machineIdentifier: string;
  owned: boolean;
  connections: PlexResourceConnection[];
}

/** `GET /api/v2/resources` (JSON array of devices): only those whose `provides` lists `server`. */
export function plexServerResources(body: unknown): PlexResource[] {
  if (!Array.isArray(body)) throw new UnexpectedAnswer('the resources are not a list');
  return body
    .filter(isNode)
    .filter((r) =>
      text(r.provides)
        .split(',')
        .map((p) => p.trim())
        .includes('server'),
    )
    .map((r) => ({
      name: text(r.name),
      machineIdentifier: text(r.clientIdentifier),
      owned: flag(r.owned),
      connections: (Array.isArray(r.connections) ? r.connections : []).filter(isNode).map((c) => ({
        uri: text(c.uri),
        local: flag(c.local),
        relay: flag(c.relay),
      })),
    }));
}

/** plex.tv's own sentence: v2 `{"errors":[{"message":…}]}`, v1 `<errors><error>…</error></errors>`. */
export function plexTvErrorMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: unknown }> };
    const message = parsed.errors?.[0]?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    /* not JSON: try the XML forms */
  }
  const match = /<error[^>]*\bmessage="([^"]+)"/.exec(body) ?? /<error[^>]*>([^<]+)<\/error>/.exec(body);
  return match?.[1]?.trim() || undefined;
}
