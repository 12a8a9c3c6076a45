import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  writeSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<file>.bak`. */
  backup?: boolean;
  mode?: number;
}

function fsyncDirectory(dir: string): void {
  // Makes the rename itself durable; some filesystems refuse to open a directory, which is harmless.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* directory fsync unsupported */
  }
}

/**
 * Replaces a file so that a reader, or a process killed at any instant, sees either the old or the new
 * content in full: write a temp file beside it, fsync, then rename over the target.
 */
export function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): void {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'w', options.mode ?? 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(temp);
    throw err;
  }
  closeSync(fd);
  try {
    if (options.backup && existsSync(file)) {
      const backupTemp = `${temp}.bak`;
      copyFileSync(file, backupTemp);
      // copyFile keeps the old file's mode, which may be 0644; the backup holds the same secrets.
      chmodSync(backupTemp, options.mode ?? 0o600);
      renameSync(backupTemp, `${file}.bak`);
    }
    renameSync(temp, file);
  } catch (err) {
    if (existsSync(temp)) unlinkSync(temp);
    throw err;
  }
  fsyncDirectory(dir);
}
