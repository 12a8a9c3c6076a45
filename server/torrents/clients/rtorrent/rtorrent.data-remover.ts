import { lstat, realpath, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DataRefusal, RemoveOutcome } from '../../torrent.types';

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

/**
 * The data's path from rTorrent's fields: d.base_path, which is empty for an item not opened since
 * rTorrent started, else d.directory (the folder of a multi-file torrent; the parent of a single file).
 */
export function dataPath(basePath: string, directory: string, name: string, multiFile: boolean): string {
  return basePath || (multiFile || !directory ? directory : `${directory}/${name}`);
}

export type DataPlan =
  | { ok: true; root: string; files: string[]; multiFile: boolean; panelDir: string }
  /** `unseen`: the only obstacle is that the panel cannot see the download directory. */
  | { ok: false; refusal: DataRefusal; unseen?: true };

const inside = (child: string, parent: string) =>
  child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);

/** Where the panel sees rTorrent's download directory, and whether it sees it at all. */
export interface PanelView {
  /** The configured `rutorrent.download_dir`, when the panel sees rTorrent's downloads at another path. */
  configuredDir?: string;
  /** Whether the directory the panel would delete in exists for it. */
  visible: boolean;
}

/** Whether `dir` is a folder the panel can see (stat follows a symlinked mount). */
export async function panelView(rtDownloadDir: string, configuredDir?: string): Promise<PanelView> {
  const dir = configuredDir || rtDownloadDir;
  const visible =
    path.isAbsolute(dir) &&
    (await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  return { configuredDir, visible };
}

/**
 * Where a torrent's data lies for the panel, or why the panel must not delete it. Only absolute paths
 * strictly inside rTorrent's download directory qualify: rTorrent 0.9.8 reports paths relative to its
 * own working directory when `directory.default` is relative (its default is `./`), and such a path
 * resolved here would point into the panel's own folder.
 */
export function locateData(
  downloadDir: string,
  basePath: string,
  view: PanelView,
): { ok: true; root: string; panelDir: string } | { ok: false; refusal: DataRefusal; unseen?: true } {
  const refuse = (reason: string, at: string | null = null) => ({
    ok: false as const,
    refusal: { reason, path: at, shared_with: [] },
  });
  if (!basePath) return refuse('rTorrent did not say where the data is');
  if (!path.posix.isAbsolute(basePath)) {
    return refuse(`rTorrent reports the relative path "${basePath}", which the panel cannot place`, basePath);
  }
  const base = path.posix.resolve(basePath);
  if (!downloadDir || path.posix.resolve('/', downloadDir) === '/') {
    return refuse("rTorrent's download directory (directory.default) is not set", base);
  }
  if (!path.posix.isAbsolute(downloadDir)) {
    return refuse(
      `rTorrent's download directory (directory.default) is the relative path "${downloadDir}"; set it to an absolute path`,
      base,
    );
  }
  const rtDir = path.posix.resolve(downloadDir);
  if (!inside(base, rtDir)) {
    return refuse(`the data is outside rTorrent's download directory ${rtDir}`, base);
  }
  const panelDir = path.resolve(view.configuredDir || rtDir);
  if (!view.visible) {
    return {
      ...refuse(
        `the panel cannot see the download directory at ${panelDir} (set rutorrent.download_dir to where the panel sees rTorrent's downloads)`,
        base,
      ),
      unseen: true,
    };
  }
  return { ok: true, root: path.resolve(panelDir, path.posix.relative(rtDir, base)), panelDir };
}

/**
 * Decides whether the panel may delete a torrent's files: only when they lie strictly inside rTorrent's
 * download directory (see `locateData`) and no file path climbs out of the torrent's folder.
 * rTorrent's d.erase never deletes data, so the panel does what Flood does: read the paths, erase,
 * then delete the files; the plan is made before anything is erased.
 */
export async function planDataRemoval(info: RtDataInfo, view: PanelView): Promise<DataPlan> {
  const located = locateData(info.downloadDir, info.basePath, view);
  if (!located.ok) return located;
  const { root, panelDir } = located;
  const refuse = (reason: string): DataPlan => ({
    ok: false,
    refusal: { reason, path: root, shared_with: [] },
  });
  const files = info.multiFile ? info.files.map((f) => path.resolve(root, f)) : [root];
  if (!inside(root, panelDir) || files.some((f) => !(info.multiFile ? inside(f, root) : f === root))) {
    return refuse('a file path leads outside its folder');
  }
  const found = await Promise.all(
    files.map((f) =>
      lstat(f).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (!found.includes(true)) {
    return refuse(
      `none of its files are at ${root} (if the panel sees rTorrent's downloads at another path, set rutorrent.download_dir)`,
    );
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
