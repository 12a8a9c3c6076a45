const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** A write failed because the disk (or the user's quota) has no room: from fs or from SQLite. */
export function isDiskFull(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
  return err instanceof Error && /database or disk is full|no space left on device/i.test(err.message);
}

export function diskFullMessage(directory: string): string {
  return `The panel cannot save to ${directory}: the disk is full. Free some space there and try again.`;
}
