import type { SyncProgressDto } from '../sync/sync.dto';

/** A one-line progress bar for a terminal; silent when stderr is not a TTY (cron, pipes, CI). */
export function renderProgress(progress: SyncProgressDto, stream: NodeJS.WriteStream = process.stderr): void {
  if (!stream.isTTY) return;
  const width = 30;
  const share =
    progress.total > 0 ? Math.min(1, progress.done / progress.total) : progress.phase === 'done' ? 1 : 0;
  const filled = Math.round(share * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const counts = progress.total > 0 ? ` ${progress.done}/${progress.total}` : '';
  stream.write(`\r[${bar}] ${progress.phase.replace('_', ' ')}${counts}`.padEnd(70));
  if (progress.phase === 'done' || progress.phase === 'failed') stream.write('\n');
}
