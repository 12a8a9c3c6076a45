import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryLock, LOCK_FILE } from '../../../server/config/directory-lock';

describe('DirectoryLock: one process per config directory', () => {
  let dir: string;
  let other: ChildProcess | undefined;
  const lockFile = () => join(dir, LOCK_FILE);
  const heldBy = (holder: object) => writeFileSync(lockFile(), JSON.stringify(holder));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lock-'));
  });
  afterEach(() => {
    other?.kill('SIGKILL');
    other = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A live process that is not this one. */
  async function anotherProcess(): Promise<number> {
    other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise<void>((resolve) => other!.once('spawn', () => resolve()));
    return other.pid!;
  }

  it('takes a free directory, records who holds it, and frees it on release', () => {
    const lock = new DirectoryLock(dir, 'the panel');
    lock.acquire();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({
      pid: process.pid,
      role: 'the panel',
    });
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('creates a config folder that does not exist yet', () => {
    const nested = join(dir, 'new', 'folder');
    const lock = new DirectoryLock(nested, 'the panel');
    lock.acquire();
    expect(existsSync(join(nested, LOCK_FILE))).toBe(true);
    lock.release();
  });

  it('names a config folder it cannot create or write, and what to do', () => {
    writeFileSync(join(dir, 'a-file'), '');
    const lock = new DirectoryLock(join(dir, 'a-file', 'config'), 'the panel');
    expect(() => lock.acquire()).toThrow(
      `The config folder ${join(dir, 'a-file', 'config')} cannot be written (ENOTDIR)`,
    );
  });

  it('refuses a directory another running process holds, naming it', async () => {
    const pid = await anotherProcess();
    heldBy({ pid, role: 'the panel', since: '2026-12-03T06:00:00.000Z' });
    expect(() => new DirectoryLock(dir, 'a command-line run').acquire()).toThrow(
      `Another Seedbox Panel process is using ${dir}: the panel (pid ${pid}, since 2026-12-03T06:00:00.000Z). ` +
        'Stop it first, or start syncs from the panel (the Sync page or POST /api/sync); two processes must not share one config directory.',
    );
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(pid);
  });

  it.each([
    [
      'a process that is gone',
      () => Promise.resolve({ pid: 2 ** 22 + 12345, role: 'the panel', since: 'x' }),
    ],
    ['garbage', () => Promise.resolve('not json')],
    [
      'a pid now used by another process (a restarted container)',
      async () => ({ pid: await anotherProcess(), role: 'the panel', since: 'x', start_ticks: '1' }),
    ],
  ])('takes over a lock left by %s', async (_what, holder) => {
    const left = await holder();
    writeFileSync(lockFile(), typeof left === 'string' ? left : JSON.stringify(left));
    new DirectoryLock(dir, 'the panel').acquire();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
  });

  it('does not release a lock another process has taken since', () => {
    const lock = new DirectoryLock(dir, 'the panel');
    lock.acquire();
    heldBy({ pid: 1, role: 'the panel', since: 'x' });
    lock.release();
    expect(existsSync(lockFile())).toBe(true);
  });
});
