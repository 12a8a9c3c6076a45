import {
  DEFAULT_DISK_WARN_PERCENT,
  DISK_CRITICAL_PERCENT,
  type DiskPathSection,
  type PanelConfig,
} from '../config/config.schema';
import { statDisk } from './disk-space.check';
import type { DiskUsageDto } from './health.dto';

/**
 * The filesystems the Dashboard reports: `disk_paths` when set, else the ones the panel already knows,
 * the config directory and each torrent client's download directory (one entry per path).
 */
export function diskPaths(config: PanelConfig, configDirectory: string): DiskPathSection[] {
  if (config.disk_paths) return config.disk_paths;
  const known: DiskPathSection[] = [{ name: 'Panel config', path: configDirectory }];
  const clients = [
    { name: 'rTorrent', dir: config.rutorrent?.download_dir },
    ...(config.torrent_clients ?? [])
      .filter((c) => c.enabled !== false)
      .map((c) => ({ name: c.name, dir: c.download_dir })),
  ];
  for (const { name, dir } of clients)
    if (dir && !known.some((k) => k.path === dir)) known.push({ name: `${name} downloads`, path: dir });
  return known;
}

/** Free and used space of one path, with its level; a path that cannot be read is critical, with why. */
export function diskUsage(entry: DiskPathSection): DiskUsageDto {
  const warn = entry.warn_percent ?? DEFAULT_DISK_WARN_PERCENT;
  const critical = Math.max(DISK_CRITICAL_PERCENT, warn);
  const base = { name: entry.name, path: entry.path, warn_percent: warn, critical_percent: critical };
  try {
    const { total, used, free } = statDisk(entry.path);
    // As df: the share of what users may fill (root's reserve left out of the denominator).
    const usable = used + free;
    const percent = usable > 0 ? Math.round((used / usable) * 1000) / 10 : 0;
    return {
      ...base,
      total_bytes: total,
      used_bytes: used,
      free_bytes: free,
      used_percent: percent,
      level: percent >= critical ? 'critical' : percent >= warn ? 'warning' : 'ok',
      error: null,
    };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return {
      ...base,
      total_bytes: null,
      used_bytes: null,
      free_bytes: null,
      used_percent: null,
      level: 'critical',
      error: `The free space of ${entry.path} cannot be read (${code}).`,
    };
  }
}
