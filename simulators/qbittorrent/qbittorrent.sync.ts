/** The full data one `sync/maindata` answer describes; what later answers are diffs against. */
export interface MaindataSnapshot {
  torrents: Record<string, Record<string, unknown>>;
  categories: Record<string, Record<string, unknown>>;
  tags: string[];
  trackers: Record<string, string[]>;
  server_state: Record<string, unknown>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Keys of `now` that are new or differ from `before`; for a known object, only its changed fields. */
function changed<T>(
  before: Record<string, T>,
  now: Record<string, T>,
  deep: boolean,
): { changes: Record<string, unknown>; removed: string[] } {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(now)) {
    const old = before[key];
    if (old === undefined) changes[key] = value;
    else if (deep && value && typeof value === 'object' && !Array.isArray(value)) {
      const fields: Record<string, unknown> = {};
      for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
        if (!same((old as Record<string, unknown>)[field], v)) fields[field] = v;
      }
      if (Object.keys(fields).length) changes[key] = fields;
    } else if (!same(old, value)) changes[key] = value;
  }
  return { changes, removed: Object.keys(before).filter((k) => !(k in now)) };
}

/**
 * One WebUI session's `sync/maindata` bookkeeping, as qBittorrent 4.5 keeps it per session: the answer
 * it gave last (rid N) and the one the client acknowledged before it. `rid=N` gets a diff against N,
 * `rid` of the acknowledged one a diff against that (a lost answer is safe to ask again), and any
 * other rid (0, unknown, another session's) the full data with `full_update: true`.
 */
export class MaindataSession {
  private rid = 0;
  private last?: { rid: number; snapshot: MaindataSnapshot };
  private accepted?: { rid: number; snapshot: MaindataSnapshot };

  answer(acceptedRid: number, now: MaindataSnapshot): Record<string, unknown> {
    if (this.last && acceptedRid === this.last.rid) this.accepted = this.last;
    const base = this.accepted && acceptedRid === this.accepted.rid ? this.accepted.snapshot : undefined;
    this.rid += 1;
    this.last = { rid: this.rid, snapshot: now };
    if (!base) return { ...now, full_update: true, rid: this.rid };
    const out: Record<string, unknown> = { rid: this.rid };
    const torrents = changed(base.torrents, now.torrents, true);
    if (Object.keys(torrents.changes).length) out.torrents = torrents.changes;
    if (torrents.removed.length) out.torrents_removed = torrents.removed;
    const categories = changed(base.categories, now.categories, true);
    if (Object.keys(categories.changes).length) out.categories = categories.changes;
    if (categories.removed.length) out.categories_removed = categories.removed;
    const addedTags = now.tags.filter((t) => !base.tags.includes(t));
    const removedTags = base.tags.filter((t) => !now.tags.includes(t));
    if (addedTags.length) out.tags = addedTags;
    if (removedTags.length) out.tags_removed = removedTags;
    const trackers = changed(base.trackers, now.trackers, false);
    if (Object.keys(trackers.changes).length) out.trackers = trackers.changes;
    if (trackers.removed.length) out.trackers_removed = trackers.removed;
    const server = changed({ s: base.server_state }, { s: now.server_state }, true).changes.s;
    if (server) out.server_state = server;
    return out;
  }
}
