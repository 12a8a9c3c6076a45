import type { MergedPerson, PlanServer, PlannedSkip } from './sync-plan.types';

/**
 * Merges the users of every readable server by case-insensitive user name, in config order: the
 * first spelling and the first e-mail found win, and every source server is recorded. Accounts that
 * cannot become Seerr users are returned as skips with the reason.
 */
export function mergePeople(servers: PlanServer[]): { people: MergedPerson[]; skips: PlannedSkip[] } {
  const byKey = new Map<string, MergedPerson>();
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
      if (user.disabled) {
        skips.push({ username, seerr_id: null, code: 'disabled', reason: `Disabled on ${server.name}` });
        continue;
      }
      const key = username.toLowerCase();
      const person = byKey.get(key);
      if (!person) {
        byKey.set(key, {
          key,
          username,
          email: user.email || null,
          sources: [server.name],
          types: [server.type],
        });
        continue;
      }
      person.email ??= user.email || null;
      if (!person.sources.includes(server.name)) person.sources.push(server.name);
      if (!person.types.includes(server.type)) person.types.push(server.type);
    }
  }
  // A person disabled on one server but active on another is still synced: drop their "disabled" skip.
  const activeSkips = skips.filter((s) => s.code !== 'disabled' || !byKey.has(s.username.toLowerCase()));
  return { people: [...byKey.values()], skips: activeSkips };
}
