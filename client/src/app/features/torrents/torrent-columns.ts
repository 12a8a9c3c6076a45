import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';

import { type TorrentSortField } from '../../api';

/** The list's optional columns (the name, the selection box and the menu are always there). */
export type TorrentColumnId =
  'client' | 'state' | 'progress' | 'size' | 'down' | 'up' | 'eta' | 'ratio' | 'added' | 'label' | 'tracker';

export interface TorrentColumn {
  readonly id: TorrentColumnId;
  readonly label: string;
  /** The sort it offers; null = not sortable. */
  readonly field: TorrentSortField | null;
  /** Its grid track. */
  readonly width: string;
  /** Right-aligned figures. */
  readonly numeric: boolean;
}

/** Every optional column, in the order they are shown. */
export const TORRENT_COLUMNS: readonly TorrentColumn[] = [
  { id: 'client', label: 'Client', field: 'client', width: '112px', numeric: false },
  { id: 'state', label: 'State', field: 'state', width: '116px', numeric: false },
  { id: 'progress', label: 'Progress', field: 'progress', width: '120px', numeric: false },
  { id: 'size', label: 'Size', field: 'size', width: '80px', numeric: true },
  { id: 'down', label: 'Down', field: 'down_rate', width: '92px', numeric: true },
  { id: 'up', label: 'Up', field: 'up_rate', width: '92px', numeric: true },
  { id: 'eta', label: 'Time left', field: 'eta', width: '80px', numeric: true },
  { id: 'ratio', label: 'Ratio', field: 'ratio', width: '60px', numeric: true },
  { id: 'added', label: 'Added', field: 'added', width: '104px', numeric: true },
  { id: 'label', label: 'Label', field: 'label', width: '112px', numeric: false },
  { id: 'tracker', label: 'Tracker', field: 'tracker', width: '140px', numeric: false },
];

export const DEFAULT_COLUMNS: readonly TorrentColumnId[] = [
  'client',
  'state',
  'progress',
  'size',
  'down',
  'up',
  'eta',
  'ratio',
];

const STORAGE_KEY = 'sp.torrents.columns';
const KNOWN = new Set<string>(TORRENT_COLUMNS.map((column) => column.id));

/** The grid tracks of a row with these columns: selection, name, the columns, menu. */
export function gridTracks(columns: readonly TorrentColumn[]): string {
  return ['48px', 'minmax(160px, 1fr)', ...columns.map((column) => column.width), '40px'].join(' ');
}

/** Which columns the user chose, kept in this browser. */
@Injectable({ providedIn: 'root' })
export class TorrentColumnsPreference {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;
  readonly chosen = signal<ReadonlySet<TorrentColumnId>>(this.read());

  /** The chosen columns, in display order. */
  columns(): readonly TorrentColumn[] {
    const chosen = this.chosen();
    return TORRENT_COLUMNS.filter((column) => chosen.has(column.id));
  }

  toggle(id: TorrentColumnId): void {
    const next = new Set(this.chosen());
    if (!next.delete(id)) next.add(id);
    this.save(next);
  }

  reset(): void {
    this.save(new Set(DEFAULT_COLUMNS));
  }

  private save(next: ReadonlySet<TorrentColumnId>): void {
    this.chosen.set(next);
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify([...next]));
    } catch {
      // Storage full or refused (private mode): the choice lasts for this page only.
    }
  }

  private read(): ReadonlySet<TorrentColumnId> {
    try {
      const stored: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? 'null');
      if (Array.isArray(stored)) {
        return new Set(stored.filter((id): id is TorrentColumnId => KNOWN.has(String(id))));
      }
    } catch {
      // Unreadable: the defaults.
    }
    return new Set(DEFAULT_COLUMNS);
  }
}
