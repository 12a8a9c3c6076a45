import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'seedbox-panel.lock';

/** Another process holds the config directory; the message says which and what to do. */
export class DirectoryLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryLockedError';
  }
}

interface Holder {
  pid: number;
  role: string;
  since: string;
  /** When the holder process started (Linux clock ticks since boot), so a reused pid is not taken for it. */
  start_ticks?: string;
}

/** Field 22 of /proc/PID/stat (after the parenthesised command name, which may hold spaces). */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote the lock still runs: the pid lives and, where /proc tells, is the same process. */
function stillRunning(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTicks(holder.pid);
  // In a restarted container the old pid often belongs to another process now.
  return !(holder.start_ticks && now && now !== holder.start_ticks);
}

function holderOf(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One process per config directory: the panel and the CLI each hold `seedbox-panel.lock` while they
 * run, so two never share the database, the sessions and config.json (a second one would revoke
 * nothing in the first, overwrite its config and close its running sync as abandoned). A lock left
 * by a process that is gone (killed, crashed) is taken over.
 */
export class DirectoryLock {
  private readonly file: string;
  private held = false;

  constructor(
    private readonly directory: string,
    private readonly role: 'the panel' | 'a command-line run',
  ) {
    this.file = join(directory, LOCK_FILE);
  }

  acquire(): void {
    this.ensureDirectory();
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.file, 'wx', 0o600);
        const holder: Holder = {
          pid: process.pid,
          role: this.role,
          since: new Date().toISOString(),
          start_ticks: startTicks(process.pid),
        };
        writeSync(fd, JSON.stringify(holder));
        closeSync(fd);
        this.held = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = holderOf(this.file);
      // The same process may build the app again (tests, a failed start): its own lock is not a rival.
      if (holder && holder.pid !== process.pid && stillRunning(holder)) {
        throw new DirectoryLockedError(
          `Another Seedbox Panel process is using ${this.file.slice(0, -LOCK_FILE.length - 1)}: ` +
            `${holder.role} (pid ${holder.pid}, since ${holder.since}). Stop it first` +
            (holder.role === 'the panel'
              ? ', or start syncs from the panel (the Sync page or POST /api/sync)'
              : '') +
            '; two processes must not share one config directory.',
        );
      }
      try {
        unlinkSync(this.file); // left by a process that is gone
      } catch {
        /* someone else took it over first; try again */
      }
    }
    throw new DirectoryLockedError(`Could not take ${this.file}; another process keeps creating it.`);
  }

  /** A first start may name a folder that does not exist yet; one the process cannot write is said plainly. */
  private ensureDirectory(): void {
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      accessSync(this.directory, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      const uid = process.getuid?.();
      throw new DirectoryLockedError(
        `The config folder ${this.directory} cannot be written (${code}): the panel keeps config.json, ` +
          `its database and its lock there. ` +
          (code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? `Give the user the panel runs as${uid === undefined ? '' : ` (uid ${uid})`} write access, ` +
              `e.g. chown -R ${uid ?? 'USER'}:${process.getgid?.() ?? 'GROUP'} ${this.directory}.`
            : 'Point CONFIG_FILE at a file in a folder the panel can create or write.'),
      );
    }
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    if (holderOf(this.file)?.pid === process.pid) {
      try {
        unlinkSync(this.file);
      } catch {
        /* already gone */
      }
    }
  }
}
