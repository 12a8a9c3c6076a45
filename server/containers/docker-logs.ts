export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  /** ISO time Docker stamped the line with (`timestamps=1`); null when it has none. */
  time: string | null;
  stream: LogStream;
  text: string;
}

const HEADER_BYTES = 8;
// `docker logs -t` stamps: RFC 3339 with up to nine fraction digits, then one space.
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d) /;

/** The timestamp Docker put in front of a line, as an ISO string (milliseconds), and the rest. */
export function splitStamp(line: string): { time: string | null; text: string } {
  const match = STAMP.exec(line);
  if (!match) return { time: null, text: line };
  const date = new Date(`${match[1]}${(match[2] ?? '').slice(0, 4)}${match[3]}`);
  return {
    time: Number.isNaN(date.getTime()) ? null : date.toISOString(),
    text: line.slice(match[0].length),
  };
}

/**
 * Turns the bytes of `GET /containers/{id}/logs` into lines, chunk by chunk. Without a TTY the engine
 * multiplexes stdout and stderr: each frame is an 8-byte header (stream 1 or 2, three zero bytes, the
 * payload length big-endian) and the payload, and a frame or a line may be split across chunks. With a
 * TTY there is no header: everything is one raw stream, reported as stdout.
 */
export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private readonly partial: Record<LogStream, string> = { stdout: '', stderr: '' };

  constructor(private readonly tty: boolean) {}

  /** The complete lines this chunk finishes. */
  push(chunk: Buffer): LogLine[] {
    if (this.tty) return this.text('stdout', chunk);
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const lines: LogLine[] = [];
    while (this.pending.length >= HEADER_BYTES) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER_BYTES + size) break;
      // 0 is stdin (only on attach); anything but 2 is shown as stdout.
      const stream: LogStream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      lines.push(...this.text(stream, this.pending.subarray(HEADER_BYTES, HEADER_BYTES + size)));
      this.pending = this.pending.subarray(HEADER_BYTES + size);
    }
    return lines;
  }

  /** At the end of the answer: a last line without its newline. */
  end(): LogLine[] {
    const rest = (['stdout', 'stderr'] as const).flatMap((s) =>
      this.partial[s] ? [this.line(s, this.partial[s])] : [],
    );
    this.partial.stdout = this.partial.stderr = '';
    return rest;
  }

  private text(stream: LogStream, bytes: Buffer): LogLine[] {
    const parts = (this.partial[stream] + bytes.toString('utf8')).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    return parts.map((p) => this.line(stream, p.replace(/\r$/, '')));
  }

  private line(stream: LogStream, raw: string): LogLine {
    return { stream, ...splitStamp(raw) };
  }
}

/** Lines holding `search`, in any case (the engine has no search of its own). */
export function searchLines(lines: LogLine[], search: string | undefined): LogLine[] {
  const needle = search?.trim().toLowerCase();
  return needle ? lines.filter((l) => l.text.toLowerCase().includes(needle)) : lines;
}

/** `docker logs -t` style text for the download. */
export function logText(lines: LogLine[]): string {
  return lines
    .map((l) => `${l.time ?? ''}${l.time ? ' ' : ''}${l.stream === 'stderr' ? '[stderr] ' : ''}${l.text}\n`)
    .join('');
}
