import { HttpErrorResponse } from '@angular/common/http';
import { type Observable, of, Subject, throwError } from 'rxjs';

import {
  type BandwidthDto,
  type TorrentChangesEventDto,
  type TorrentClientStatusDto,
  type TorrentDto,
  type TorrentPageDto,
  type TorrentStatsDto,
} from '../../../../client/src/app/api';
import { TorrentReplica } from '../../../../client/src/app/features/torrents/torrent-replica';
import { type TorrentsClient } from '../../../../client/src/app/features/torrents/torrents-client.service';
import { hash, torrent } from '../../support/torrents';

const PAGE_SIZE = 1000;

function page(revision: number, items: TorrentDto[], total = items.length, number = 1): TorrentPageDto {
  return { items, page: number, page_size: PAGE_SIZE, revision, total, updated_at: '2026-01-01T00:00:00Z' };
}

const down = (message: string) =>
  new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway', error: { statusCode: 502, message } });

/** The calls the replica makes, answered by each test; `page` is asked per page number. */
class FakeTorrentsClient {
  readonly page = jest.fn<Observable<TorrentPageDto>, [string, number]>();
  readonly status = jest.fn<Observable<TorrentClientStatusDto>, [string]>();
  readonly stats = jest.fn<Observable<TorrentStatsDto>, [string]>();
  readonly bandwidth = jest.fn<Observable<BandwidthDto>, [string]>();

  serve(...pages: TorrentPageDto[]): void {
    this.page.mockImplementation((_kind, number) => of(pages[number - 1]));
  }
}

const changes = (revision: number, delta: Partial<TorrentChangesEventDto> = {}) => ({
  event: 'changes' as const,
  data: { revision, added: [], changed: [], removed: [], ...delta },
});
const status = (revision: number, connected = true, error: string | null = null) => ({
  event: 'status' as const,
  data: { connected, error, revision, updated_at: null },
});

describe('TorrentReplica', () => {
  let api: FakeTorrentsClient;
  let replica: TorrentReplica;
  const a = torrent({ hash: hash(1), name: 'Alpha', state: 'downloading', down_rate: 50, size: 300 });
  const b = torrent({ hash: hash(2), name: 'Beta', up_rate: 20, size: 200 });

  beforeEach(() => {
    api = new FakeTorrentsClient();
    replica = new TorrentReplica('utorrent', api as unknown as TorrentsClient);
  });
  afterEach(() => replica.stop());

  const hashes = () => replica.torrents().map((t) => t.hash);

  describe('the initial load', () => {
    it('starts loading, then holds the list of the single page', () => {
      expect(replica.state()).toBe('loading');
      api.serve(page(5, [a, b]));
      replica.reload();
      expect(api.page).toHaveBeenCalledWith('utorrent', 1);
      expect(replica.state()).toBe('ready');
      expect(replica.error()).toBeNull();
      expect(replica.torrents()).toEqual([a, b]);
    });

    it('reads every page when the list is longer than one', () => {
      const first = Array.from({ length: PAGE_SIZE }, (_, i) => torrent({ hash: hash(i + 10) }));
      const total = 2 * PAGE_SIZE + 1;
      api.serve(page(5, first, total), page(5, [a], total, 2), page(5, [b], total, 3));
      replica.reload();
      expect(api.page.mock.calls.map(([, n]) => n)).toEqual([1, 2, 3]);
      expect(replica.torrents()).toHaveLength(PAGE_SIZE + 2);
      expect(hashes().slice(-2)).toEqual([a.hash, b.hash]);
    });

    it('reads again when the pages came from two snapshots (a poll landed in between)', () => {
      jest.useFakeTimers();
      try {
        // The first read of page 2 already sees the next poll's revision.
        let reads = 0;
        api.page.mockImplementation((_kind, number) => {
          if (number === 2) reads++;
          const revision = number === 2 && reads === 1 ? 6 : 5;
          return of(page(revision, [number === 1 ? a : b], PAGE_SIZE + 1, number));
        });
        replica.reload();
        expect(replica.state()).toBe('loading');
        jest.advanceTimersByTime(100);
        expect(reads).toBe(2);
        expect(replica.state()).toBe('ready');
        expect(hashes()).toEqual([a.hash, b.hash]);
      } finally {
        jest.useRealTimers();
      }
    });

    it('computes the totals from the list', () => {
      api.serve(page(1, [a, b, torrent({ hash: hash(3), state: 'paused' })]));
      replica.reload();
      expect(replica.summary()).toEqual({
        total: 3,
        active: 2,
        downloading: 1,
        seeding: 1,
        size: 600,
        downRate: 50,
        upRate: 20,
      });
    });
  });

  describe('errors and retry', () => {
    it('shows the sentence of a failed read, and a retry that works clears it', () => {
      api.page.mockReturnValue(throwError(() => down('uTorrent refused the connection.')));
      replica.reload();
      expect(replica.state()).toBe('error');
      expect(replica.error()).toBe('uTorrent refused the connection.');

      api.serve(page(2, [a]));
      replica.reload();
      expect(replica.state()).toBe('ready');
      expect(replica.error()).toBeNull();
      expect(hashes()).toEqual([a.hash]);
    });

    it('keeps the rows shown while a ready list reloads, and drops them when the client fails', () => {
      api.serve(page(1, [a]));
      replica.reload();
      const pending = new Subject<TorrentPageDto>();
      api.page.mockReturnValue(pending);
      replica.reload();
      expect(replica.state()).toBe('ready');
      expect(hashes()).toEqual([a.hash]);

      replica.onEvent(status(1, false, 'uTorrent did not answer in time.'));
      expect(replica.state()).toBe('error');
      expect(replica.error()).toBe('uTorrent did not answer in time.');
      expect(replica.torrents()).toEqual([]);
      expect(pending.observed).toBe(false);
    });

    it('says nothing of a client that has not polled yet', () => {
      replica.onEvent(status(0, false, null));
      expect(replica.state()).toBe('loading');
      expect(api.page).not.toHaveBeenCalled();
    });

    it('reloads, and reads the card again, when a failed client connects', () => {
      api.page.mockReturnValue(throwError(() => down('down')));
      replica.reload();
      api.serve(page(3, [a]));
      api.status.mockReturnValue(of({ connected: true } as TorrentClientStatusDto));
      api.stats.mockReturnValue(of({ total: 1 } as TorrentStatsDto));
      api.bandwidth.mockReturnValue(of({ down_limit: null } as BandwidthDto));
      replica.onEvent(status(3));
      expect(replica.state()).toBe('ready');
      expect(replica.info()).toEqual({
        status: { connected: true },
        stats: { total: 1 },
        bandwidth: { down_limit: null },
      });
    });

    it('reloads when changes arrive while the list is in error', () => {
      api.page.mockReturnValue(throwError(() => down('down')));
      replica.reload();
      api.serve(page(4, [a]));
      replica.onEvent(changes(4));
      expect(replica.state()).toBe('ready');
    });
  });

  describe('change events', () => {
    beforeEach(() => {
      api.serve(page(5, [a, b]));
      replica.reload();
      api.page.mockClear();
    });

    it('applies the next revision: added, changed and removed torrents', () => {
      const c = torrent({ hash: hash(3), name: 'Gamma' });
      replica.onEvent(
        changes(6, { added: [c], changed: [{ hash: a.hash, progress: 0.5 }], removed: [b.hash] }),
      );
      expect(replica.torrents()).toEqual([{ ...a, progress: 0.5 }, c]);
      expect(api.page).not.toHaveBeenCalled();
    });

    it('keeps the object of a torrent that did not change', () => {
      const before = replica.torrents()[1];
      replica.onEvent(changes(6, { changed: [{ hash: a.hash, down_rate: 0 }] }));
      expect(replica.torrents()[1]).toBe(before);
      expect(replica.torrents()[0]).not.toBe(a);
    });

    it('ignores a change to a torrent it does not hold', () => {
      replica.onEvent(changes(6, { changed: [{ hash: hash(99), name: 'Ghost' }] }));
      expect(hashes()).toEqual([a.hash, b.hash]);
    });

    it('ignores revisions it already has', () => {
      replica.onEvent(changes(5, { removed: [a.hash] }));
      replica.onEvent(changes(4, { removed: [b.hash] }));
      expect(hashes()).toEqual([a.hash, b.hash]);
      expect(api.page).not.toHaveBeenCalled();
    });

    it('reloads when a revision was missed', () => {
      api.serve(page(8, [b]));
      replica.onEvent(changes(7, { removed: [b.hash] }));
      expect(api.page).toHaveBeenCalledTimes(1);
      expect(hashes()).toEqual([b.hash]);
    });

    it.each([
      ['the same revision', 5, 0],
      ['a newer revision', 9, 1],
    ])('on a status event with %s reloads %d times', (_name, revision, reloads) => {
      api.serve(page(revision, [a]));
      api.status.mockReturnValue(of({} as TorrentClientStatusDto));
      api.stats.mockReturnValue(of({} as TorrentStatsDto));
      api.bandwidth.mockReturnValue(of({} as BandwidthDto));
      replica.onEvent(status(revision));
      expect(api.page).toHaveBeenCalledTimes(reloads);
    });
  });

  describe('changes during a load', () => {
    let pending: Subject<TorrentPageDto>;
    beforeEach(() => {
      pending = new Subject<TorrentPageDto>();
      api.page.mockReturnValue(pending);
      replica.reload();
    });

    it('applies the changes that arrived while the list was read', () => {
      replica.onEvent(changes(6, { removed: [a.hash] }));
      replica.onEvent(changes(7, { changed: [{ hash: b.hash, name: 'Beta 2' }] }));
      pending.next(page(5, [a, b]));
      pending.complete();
      expect(replica.torrents()).toEqual([{ ...b, name: 'Beta 2' }]);
    });

    it('reloads when the stream was ahead of the snapshot with changes missed in between', () => {
      replica.onEvent(status(9));
      api.serve(page(9, [b]));
      pending.next(page(5, [a, b]));
      pending.complete();
      expect(hashes()).toEqual([b.hash]);
    });
  });

  describe('the card figures', () => {
    it('sets each figure it could read and null for one that failed', () => {
      api.status.mockReturnValue(of({ connected: true } as TorrentClientStatusDto));
      api.stats.mockReturnValue(throwError(() => down('down')));
      api.bandwidth.mockReturnValue(of({ up_limit: 10 } as BandwidthDto));
      replica.refreshInfo();
      expect(replica.info()).toEqual({
        status: { connected: true },
        stats: null,
        bandwidth: { up_limit: 10 },
      });
    });

    it('replaces the limits after they were set, keeping the rest', () => {
      replica.setBandwidth({ up_limit: 5 } as BandwidthDto);
      expect(replica.info()).toEqual({ status: null, stats: null, bandwidth: { up_limit: 5 } });
    });
  });
});
