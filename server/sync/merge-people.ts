import type { MergedPerson, PlanServer, PlannedSkip } from './sync-plan.types';

function addTo(byKey: Map<string, MergedPerson>, server: PlanServer, username: string, email: string | null) {
  const key = username.toLowerCase();
  const person = byKey.get(key);
  if (!person) {
    byKey.set(key, { key, username, email: email || null, sources: [server.name], types: [server.type] });
    return;
  }
  person.email ??= email || null;
  if (!person.sources.includes(server.name)) person.sources.push(server.name);
  if (!person.types.includes(server.type)) person.types.push(server.type);
}

/**
 * Merges the users of every readable server by case-insensitive user name, in config order: the
 * first spelling and the first e-mail found win, and every source server is recorded. Accounts that
 * cannot become Seerr users are returned as skips with the reason. People disabled on every server they
 * are on are returned apart (`disabled`, one skip each): they are still people on those servers, so
 * their Seerr account is theirs, not one "on no media server".
 */
export function mergePeople(servers: PlanServer[]): {
  people: MergedPerson[];
  disabled: MergedPerson[];
  skips: PlannedSkip[];
} {
  const byKey = new Map<string, MergedPerson>();
  const disabledByKey = new Map<string, MergedPerson>();
  const skips: PlannedSkip[] = [];
  for (const server of servers) {
    if (!server.read.ok) continue;
    for (const user of server.read.users) {
      const username = user.username.trim();
      if (!username || user.managed) {
        skips.push({
          username: username || `(unnamed user on ${server.name})`,
          seerr_id: null,
          code: 'no-username',
          reason: `${user.managed ? 'Plex Home user' : 'Account'} without a user name on ${server.name}`,
        });
        continue;
      }
      addTo(user.disabled ? disabledByKey : byKey, server, username, user.email);
    }
  }
  // A person disabled on one server but active on another is still synced, with no "disabled" skip.
  const disabled = [...disabledByKey.values()].filter((p) => !byKey.has(p.key));
  for (const p of disabled)
    skips.push({
      username: p.username,
      seerr_id: null,
      code: 'disabled',
      reason: `Disabled on ${p.sources.join(' and ')}`,
    });
  return { people: [...byKey.values()], disabled, skips };
}
