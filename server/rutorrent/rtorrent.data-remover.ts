import { lstat, realpath, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { RemoveOutcome } from '../torrents/torrent.types';

/** What rTorrent says about one download's data (its own paths, as rTorrent sees them). */
export interface RtDataInfo {
  /** `directory.default`: rTorrent's download directory. */
  downloadDir: string;
  /** `d.base_path`, or the `d.directory` fallback: the file (single-file) or folder (multi-file). */
  basePath: string;
  multiFile: boolean;
  /** `f.path` of every file, relative to the folder of a multi-file torrent. */
  files: string[];
}

export type DataPlan =
  | { ok: true; root: string; files: string[]; multiFile: boolean; panelDir: string }
  | { ok: false; outcome: RemoveOutcome };

const inside = (child: string, parent: string) =>
  child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);

function manual(message: string): DataPlan {
  return { ok: false, outcome: { data: 'manual', message } };
}

/**
 * Decides whether the panel may delete a torrent's files: only when they lie strictly inside rTorrent's
 * download directory, and that directory is visible to the panel (at `panelDir`, the configured
 * `rutorrent.download_dir`, when the panel sees it at another mount path). rTorrent's d.erase never
 * deletes data, so the panel does what Flood does: read the paths, erase, then delete the files.
 */
export async function planDataRemoval(info: RtDataInfo, configuredPanelDir?: string): Promise<DataPlan> {
  const rtDir = info.downloadDir ? path.posix.resolve(info.downloadDir) : '';
  const base = info.basePath ? path.posix.resolve(info.basePath) : '';
  const byHand = (why: string) =>
    manual(`rTorrent removed the torrent, but ${why}; remove its data${base ? ` at ${base}` : ''} by hand.`);
  if (!base) return byHand('it did not say where the data is');
  if (!rtDir || rtDir === '/') return byHand('its download directory (directory.default) is not set');
  if (!inside(base, rtDir)) {
    return byHand(
      `the data is outside rTorrent's download directory ${rtDir}, so the panel does not touch it`,
    );
  }
  const panelDir = path.resolve(configuredPanelDir || rtDir);
  const visible = await stat(panelDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!visible) {
    return byHand(
      `the panel cannot see the download directory at ${panelDir} (set rutorrent.download_dir to where the panel sees rTorrent's downloads)`,
    );
  }
  const root = path.resolve(panelDir, path.posix.relative(rtDir, base));
  const files = info.multiFile ? info.files.map((f) => path.resolve(root, f)) : [root];
  if (!inside(root, panelDir) || files.some((f) => !(info.multiFile ? inside(f, root) : f === root))) {
    return byHand('a file path leads outside its folder');
  }
  return { ok: true, root, files, multiFile: info.multiFile, panelDir };
}

/** A symlinked folder must not lead the deletion out of the download directory. */
async function realParentInside(file: string, realDir: string): Promise<boolean | undefined> {
  try {
    const parent = await realpath(path.dirname(file));
    return parent === realDir || inside(parent, realDir);
  } catch {
    return undefined; // the folder is gone: nothing to delete
  }
}

/** Deletes the planned files (never a folder's other content), then the folders they leave empty. */
export async function removeData(plan: Extract<DataPlan, { ok: true }>): Promise<RemoveOutcome> {
  const realDir = await realpath(plan.panelDir);
  let deleted = 0;
  for (const file of plan.files) {
    if ((await realParentInside(file, realDir)) !== true) continue;
    const info = await lstat(file).catch(() => undefined);
    if (!info || info.isDirectory()) continue;
    await unlink(file);
    deleted++;
  }
  if (plan.multiFile) {
    const folders = new Set<string>();
    for (const file of plan.files) {
      for (let dir = path.dirname(file); dir !== plan.root && inside(dir, plan.root); dir = path.dirname(dir))
        folders.add(dir);
    }
    // Deepest first; rmdir fails on a folder that still holds something, which is what we want.
    for (const dir of [...folders, plan.root].sort((a, b) => b.length - a.length))
      await rmdir(dir).catch(() => undefined);
  }
  if (deleted === 0) {
    return {
      data: 'manual',
      message:
        `rTorrent removed the torrent, but none of its files were found at ${plan.root}; if the panel sees the downloads ` +
        'at another path, set rutorrent.download_dir, otherwise remove the data by hand.',
    };
  }
  return {
    data: 'deleted',
    message: `rTorrent removed the torrent and the panel deleted ${deleted} file${deleted === 1 ? '' : 's'} at ${plan.root}.`,
  };
}
