import { failureSentence, isUnauthorized } from './media-server.errors';
import type { MediaServerClient, MediaServerInfo, MediaUser } from './media-server.types';
import type { MediaServerCheckDto, MediaServerTestDto } from './media-servers.dto';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function outcome<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

function countOf(users: readonly MediaUser[]): string {
  const parts = [
    [users.filter((u) => u.managed).length, 'managed'],
    [users.filter((u) => u.disabled).length, 'disabled'],
    [users.filter((u) => u.admin).length, 'admin'],
  ]
    .filter(([n]) => n)
    .map(([n, what]) => `${n} ${what}`);
  const noun = users.length === 1 ? 'user' : 'users';
  return `${users.length} ${noun}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
}

/**
 * Tries a server the way the sync will use it and says what works in plain words: does it answer (and
 * which version), does it accept the token, how many users it has. A refused token still counts as
 * "reachable": something answered.
 */
export async function checkMediaServer(
  client: MediaServerClient,
  service: string,
): Promise<MediaServerTestDto> {
  const [info, users] = await Promise.all([outcome(client.info()), outcome(client.listUsers())]);
  const checks: MediaServerCheckDto[] = [];

  if (info.ok) checks.push({ name: 'reachable', ok: true, detail: reachedDetail(service, info.value) });
  else if (isUnauthorized(info.error))
    checks.push({ name: 'reachable', ok: true, detail: `${service} answered but refused the credentials.` });
  else checks.push({ name: 'reachable', ok: false, detail: failureSentence(service, info.error) });

  const refused = [info, users].find((o) => !o.ok && isUnauthorized(o.error));
  if (refused && !refused.ok)
    checks.push({ name: 'credentials', ok: false, detail: failureSentence(service, refused.error) });
  else if (info.ok || users.ok)
    checks.push({ name: 'credentials', ok: true, detail: `${service} accepted the token.` });
  else
    checks.push({
      name: 'credentials',
      ok: false,
      detail: 'Not checked: nothing answered to check them with.',
    });

  if (users.ok) checks.push({ name: 'users', ok: true, detail: countOf(users.value) });
  else checks.push({ name: 'users', ok: false, detail: failureSentence(service, users.error) });

  return {
    ok: checks.every((c) => c.ok),
    checks,
    ...(users.ok ? { users: users.value.length } : {}),
    ...(info.ok ? { version: info.value.version } : {}),
  };
}

function reachedDetail(service: string, info: MediaServerInfo): string {
  const name = info.name ? `${info.name}, ` : '';
  return `${service} answered: ${name}version ${info.version}.`;
}
