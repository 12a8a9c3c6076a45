import type { SimContainer, SimLogEntry } from './docker.state';

/** RFC 3339 with nanoseconds, as `docker logs -t` prints it. */
export function nanoTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-04T00:51:11.123Z
  return `${iso.slice(0, 23)}000000Z`;
}

export interface LogQuery {
  stdout: boolean;
  stderr: boolean;
  timestamps: boolean;
  /** Lines from the end; undefined: all. */
  tail: number | undefined;
  /** Epoch ms; lines before it are left out. */
  sinceMs: number | undefined;
}

/** `?stdout=1&stderr=1&timestamps=1&tail=N&since=UNIX`; null when neither stream is chosen (Docker's 400). */
export function parseLogQuery(query: URLSearchParams): LogQuery | null {
  const flag = (k: string) => ['1', 'true'].includes(query.get(k) ?? '');
  const tail = query.get('tail');
  const since = query.get('since');
  const out: LogQuery = {
    stdout: flag('stdout'),
    stderr: flag('stderr'),
    timestamps: flag('timestamps'),
    tail: tail === null || tail === 'all' || !/^\d+$/.test(tail) ? undefined : Number(tail),
    sinceMs: since && Number(since) > 0 ? Number(since) * 1000 : undefined,
  };
  return out.stdout || out.stderr ? out : null;
}

export function selectLogs(container: SimContainer, q: LogQuery): SimLogEntry[] {
  const chosen = container.logs.filter(
    (e) => (e.stream === 'stdout' ? q.stdout : q.stderr) && (q.sinceMs === undefined || e.time >= q.sinceMs),
  );
  return q.tail === undefined ? chosen : q.tail === 0 ? [] : chosen.slice(-q.tail);
}

/**
 * One line as the engine sends it: raw for a TTY container, else behind the 8-byte header of its
 * multiplexed stream (stream type 1 stdout / 2 stderr, three zero bytes, the payload size big-endian).
 */
export function frame(entry: SimLogEntry, q: LogQuery, tty: boolean): Buffer {
  const payload = Buffer.from(`${q.timestamps ? `${nanoTime(entry.time)} ` : ''}${entry.text}\n`, 'utf8');
  if (tty) return payload;
  const header = Buffer.alloc(8);
  header[0] = entry.stream === 'stdout' ? 1 : 2;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
