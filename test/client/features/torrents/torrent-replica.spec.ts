import { HttpErrorResponse } from '@angular/common/http';
import { defer, type Observable, of, Subject, throwError } from 'rxjs';

import {
  type BandwidthDto,
  type MergedChangesEventDto,
  type MergedClientStateDto,
  type MergedTorrentPageDto,
  type TorrentClientStatusDto,
  type TorrentStatsDto,
} from '../../../../client/src/app/api';
import { type TorrentRow } from '../../../../client/src/app/features/torrents/torrent-query';
import { TorrentReplica } from '../../../../client/src/app/features/torrents/torrent-replica';
import { type TorrentsClient } from '../../../../client/src/app/features/torrents/torrents-client.service';
import { clientState, hash, SEEDBOX, torrent } from '../../support/torrents';

const PAGE_SIZE = 1000;

/** Another instance of the merged list, whose entry a page carries too: its revision is not ours. */
const OTHER = clientState({ id: 'home-rt', kind: 'rutorrent', name: 'Home rTorrent', revision: 77 });

/** A page of our client's rows at `revision`; `state` changes our entry of `clients[]`. */
function page(
  revision: number,
  items: TorrentRow[],
  total = items.length,
  number = 1,
  state: Partial<MergedClientStateDto> = {},
): MergedTorrentPageDto {
  return {
    clients: [OTHER, clientState({ revision, total, ...state })],
    items,
    page: number,
    page_size: PAGE_SIZE,
    total,
  };
}

const down = (message: string) =>
  new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway', error: { statusCode: 502, message } });

/** The calls the replica makes, answered by each test; `page` is asked per page number. */
class FakeTorrentsClient {
  readonly page = jest.fn<Observable<MergedTorrentPageDto>, [string, number]>();
  readonly status = jest.fn<Observable<TorrentClientStatusDto>, [string]>(() =>
    of({} as TorrentClientStatusDto),
  );
  readonly stats = jest.fn<Observable<TorrentStatsDto>, [string]>(() => of({} as TorrentStatsDto));
  readonly bandwidth = jest.fn<Observable<BandwidthDto>, [string]>(() => of({} as BandwidthDto));

  serve(...pages: MergedTorrentPageDto[]): void {
    this.page.mockImplementation((_id, number) => of(pages[number - 1]));
  }
}

const changes = (revision: number, delta: Partial<MergedChangesEventDto> = {}): MergedChangesEventDto => ({
  client_id: SEEDBOX.id,
  revision,
  added: [],
  changed: [],
  removed: [],
  ...delta,
});
const connected = (revision: number) => clientState({ revision });
const failing = (revision: number, error: string | null) =>
  clientState({ revision, connected: false, error, stale: error !== null });

describe('TorrentReplica', () => {
  let api: FakeTorrentsClient;
  let replica: TorrentReplica;
  const a = torrent({ hash: hash(1), name: 'Alpha', state: 'downloading', down_rate: 50, size: 300 });
  const b = torrent({ hash: hash(2), name: 'Beta', up_rate: 20, size: 200 });
  const stale = (row: TorrentRow): TorrentRow => ({ ...row, stale: true });

  beforeEach(() => {
    api = new FakeTorrentsClient();
    replica = new TorrentReplica(SEEDBOX, api as unknown as TorrentsClient);
  });
  afterEach(() => replica.stop());

  const hashes = () => replica.torrents().map((t) => t.hash);

  it('names the instance it copies', () => {
    expect([replica.id, replica.name, replica.kind]).toEqual([SEEDBOX.id, SEEDBOX.name, SEEDBOX.kind]);
  });

  describe('the initial load', () => {
    it('starts loading, then holds the list of the single page', () => {
      expect(replica.state()).toBe('loading');
      api.serve(page(5, [a, b]));
      replica.reload();
      expect(api.page).toHaveBeenCalledWith(SEEDBOX.id, 1);
      expect(replica.state()).toBe('ready');
      expect(replica.error()).toBeNull();
      expect(replica.torrents()).toEqual([a, b]);
    });

    it('reads every page when the list is longer than one', () => {
      const first = Array.from({ length: PAGE_SIZE }, (_, i) => torrent({ hash: hash(i + 10) }));
      const total = 2 * PAGE_SIZE + 1;
      api.serve(page(5, first, total), page(5, [a], total, 2), page(5, [b], total, 3));
      replica.reload();
      expect(api.page.mock.calls).toEqual([
        [SEEDBOX.id, 1],
        [SEEDBOX.id, 2],
        [SEEDBOX.id, 3],
      ]);
      expect(replica.torrents()).toHaveLength(PAGE_SIZE + 2);
      expect(hashes().slice(-2)).toEqual([a.hash, b.hash]);
    });

    describe('pages from two snapshots (a poll landed in between)', () => {
      beforeEach(() => jest.useFakeTimers());
      afterEach(() => jest.useRealTimers());

      /** Answers each request (each subscription, as HTTP does) with `revisionOf` its order. */
      function serveSnapshots(revisionOf: (request: number) => number): number[] {
        const requests: number[] = [];
        api.page.mockImplementation((_id, number) =>
          defer(() => {
            requests.push(number);
            const revision = revisionOf(requests.length);
            return of(page(revision, [number === 1 ? a : b], PAGE_SIZE + 1, number));
          }),
        );
        return requests;
      }

      it('reads every page again when our entry of clients[] changed revision between them', () => {
        // Page 1 comes from revision 5; a poll lands before page 2, which (like every later read) is 6.
        const requests = serveSnapshots((request) => (request === 1 ? 5 : 6));
        replica.reload();
        expect(replica.state()).toBe('loading');
        expect(requests).toEqual([1, 2]);
        jest.advanceTimersByTime(100);
        expect(requests).toEqual([1, 2, 1, 2]);
        expect(replica.state()).toBe('ready');
        expect(hashes()).toEqual([a.hash, b.hash]);
        // The list is at revision 6: the stream's 7 applies on top without another load.
        replica.onChanges(changes(7, { removed: [a.hash] }));
        expect(hashes()).toEqual([b.hash]);
        expect(requests).toHaveLength(4);
      });

      it("does not read again when only another client's revision changed", () => {
        api.page.mockImplementation((_id, number) => {
          const result = page(5, [number === 1 ? a : b], PAGE_SIZE + 1, number);
          return of({
            ...result,
            clients: [{ ...OTHER, revision: 77 + number }, ...result.clients.slice(1)],
          });
        });
        replica.reload();
        expect(replica.state()).toBe('ready');
        expect(api.page).toHaveBeenCalledTimes(2);
      });

      it('gives up, in error, after five more torn reads', () => {
        const requests = serveSnapshots((request) => request);
        replica.reload();
        jest.advanceTimersByTime(10_000);
        expect(requests).toHaveLength(12);
        expect(replica.state()).toBe('error');
      });
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

  describe('revisions', () => {
    it("takes its revision from its own entry of the page's clients[]", () => {
      // OTHER is at 77: were that ours, 6 would be old news and 78 the next.
      api.serve(page(5, [a, b]));
      replica.reload();
      api.page.mockClear();
      replica.onChanges(changes(6, { removed: [b.hash] }));
      expect(hashes()).toEqual([a.hash]);
      expect(api.page).not.toHaveBeenCalled();
    });

    it('reloads on the first change when the page carried no entry for it', () => {
      api.serve({ ...page(5, [a, b]), clients: [OTHER] });
      replica.reload();
      expect(replica.state()).toBe('ready');
      api.serve(page(6, [a]));
      replica.onChanges(changes(6, { removed: [b.hash] }));
      expect(api.page).toHaveBeenCalledTimes(2);
      expect(hashes()).toEqual([a.hash]);
    });
  });

  describe('errors and retry', () => {
    it('shows the sentence of a failed read, and a retry that works clears it', () => {
      api.page.mockReturnValue(throwError(() => down('uTorrent refused the connection.')));
      replica.reload();
      expect(replica.state()).toBe('error');
      expect(replica.error()).toBe('uTorrent refused the connection.');
      expect(replica.torrents()).toEqual([]);

      api.serve(page(2, [a]));
      replica.reload();
      expect(replica.state()).toBe('ready');
      expect(replica.error()).toBeNull();
      expect(hashes()).toEqual([a.hash]);
    });

    it('keeps the rows, marked stale, when a reload of a ready list fails', () => {
      api.serve(page(1, [a, b]));
      replica.reload();
      api.page.mockReturnValue(throwError(() => down('The panel could not be reached.')));
      replica.reload();
      expect(replica.state()).toBe('error');
      expect(replica.error()).toBe('The panel could not be reached.');
      expect(replica.torrents()).toEqual([stale(a), stale(b)]);
    });

    it('keeps the rows shown while a ready list reloads, and marks them stale when the client fails', () => {
      api.serve(page(1, [a, b]));
      replica.reload();
      const pending = new Subject<MergedTorrentPageDto>();
      api.page.mockReturnValue(pending);
      replica.reload();
      expect(replica.state()).toBe('ready');
      expect(hashes()).toEqual([a.hash, b.hash]);

      replica.onState(failing(1, 'uTorrent did not answer in time.'));
      expect(replica.state()).toBe('error');
      expect(replica.error()).toBe('uTorrent did not answer in time.');
      expect(replica.torrents()).toEqual([stale(a), stale(b)]);
      // The load in flight was dropped.
      expect(pending.observed).toBe(false);
    });

    it('stops counting the rates of its stale rows, and keeps their size', () => {
      api.serve(page(1, [a, b]));
      replica.reload();
      replica.onState(failing(1, 'down'));
      expect(replica.summary()).toEqual({
        total: 2,
        active: 0,
        downloading: 0,
        seeding: 0,
        size: 500,
        downRate: 0,
        upRate: 0,
      });
    });

    it('keeps the same stale rows when the client fails again', () => {
      api.serve(page(1, [a]));
      replica.reload();
      replica.onState(failing(1, 'down'));
      const before = replica.torrents();
      replica.onState(failing(1, 'still down'));
      expect(replica.error()).toBe('still down');
      expect(replica.torrents()).toBe(before);
    });

    it('comes back with fresh rows when the failed client reconnects, and reads the card again', () => {
      api.serve(page(1, [a, b]));
      replica.reload();
      replica.onState(failing(1, 'down'));
      const fresh = { ...b, up_rate: 30 };
      api.serve(page(2, [fresh]));
      api.status.mockReturnValue(of({ connected: true } as TorrentClientStatusDto));
      api.stats.mockReturnValue(of({ total: 1 } as TorrentStatsDto));
      api.bandwidth.mockReturnValue(of({ down_limit: null } as BandwidthDto));
      replica.onState(connected(2));
      expect(replica.state()).toBe('ready');
      expect(replica.error()).toBeNull();
      expect(replica.torrents()).toEqual([fresh]);
      expect(replica.torrents().every((row) => !row.stale)).toBe(true);
      expect(replica.info()).toEqual({
        status: { connected: true },
        stats: { total: 1 },
        bandwidth: { down_limit: null },
      });
    });

    it('reloads on reconnection even at the revision it already had', () => {
      api.serve(page(3, [a]));
      replica.reload();
      replica.onState(failing(3, 'down'));
      replica.onState(connected(3));
      expect(api.page).toHaveBeenCalledTimes(2);
      expect(replica.state()).toBe('ready');
      expect(replica.torrents()).toEqual([a]);
    });

    it('says nothing of a client that has not polled yet', () => {
      replica.onState(failing(0, null));
      expect(replica.state()).toBe('loading');
      expect(replica.error()).toBeNull();
      expect(api.page).not.toHaveBeenCalled();
    });

    it('reloads when changes arrive while the list is in error', () => {
      api.page.mockReturnValue(throwError(() => down('down')));
      replica.reload();
      api.serve(page(4, [a]));
      replica.onChanges(changes(4));
      expect(replica.state()).toBe('ready');
      expect(hashes()).toEqual([a.hash]);
    });
  });

  describe('a page whose client is down', () => {
    const downPage = (revision: number) =>
      page(revision, [stale(a), stale(b)], 2, 1, {
        connected: false,
        error: 'uTorrent did not answer in time.',
        stale: true,
      });

    it("is in error with the server's stale rows and the client's reason", () => {
      api.serve(downPage(4));
      replica.reload();
      expect(replica.state()).toBe('error');
      expect(replica.error()).toBe('uTorrent did not answer in time.');
      expect(replica.torrents()).toEqual([stale(a), stale(b)]);
    });

    it('drops the changes that arrived during that load', () => {
      const pending = new Subject<MergedTorrentPageDto>();
      api.page.mockReturnValue(pending);
      replica.reload();
      replica.onChanges(changes(5, { removed: [a.hash] }));
      pending.next(downPage(4));
      pending.complete();
      expect(replica.state()).toBe('error');
      expect(hashes()).toEqual([a.hash, b.hash]);
    });

    it('is fresh again once the client reconnects', () => {
      api.serve(downPage(4));
      replica.reload();
      api.serve(page(5, [a, b]));
      replica.onState(connected(5));
      expect(replica.state()).toBe('ready');
      expect(replica.error()).toBeNull();
      expect(replica.torrents()).toEqual([a, b]);
    });

    it('is ready, not in error, for a client that has not polled yet', () => {
      api.serve(page(0, [], 0, 1, { connected: false, error: null }));
      replica.reload();
      expect(replica.state()).toBe('ready');
      expect(replica.error()).toBeNull();
      expect(replica.torrents()).toEqual([]);
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
      replica.onChanges(
        changes(6, { added: [c], changed: [{ hash: a.hash, progress: 0.5 }], removed: [b.hash] }),
      );
      expect(replica.torrents()).toEqual([{ ...a, progress: 0.5 }, c]);
      expect(api.page).not.toHaveBeenCalled();
    });

    it('keeps the object of a torrent that did not change', () => {
      const before = replica.torrents()[1];
      replica.onChanges(changes(6, { changed: [{ hash: a.hash, down_rate: 0 }] }));
      expect(replica.torrents()[1]).toBe(before);
      expect(replica.torrents()[0]).not.toBe(a);
    });

    it('ignores a change to a torrent it does not hold', () => {
      replica.onChanges(changes(6, { changed: [{ hash: hash(99), name: 'Ghost' }] }));
      expect(hashes()).toEqual([a.hash, b.hash]);
    });

    it('ignores revisions it already has', () => {
      replica.onChanges(changes(5, { removed: [a.hash] }));
      replica.onChanges(changes(4, { removed: [b.hash] }));
      expect(hashes()).toEqual([a.hash, b.hash]);
      expect(api.page).not.toHaveBeenCalled();
    });

    it('reloads when a revision was missed', () => {
      api.serve(page(8, [b]));
      replica.onChanges(changes(7, { removed: [b.hash] }));
      expect(api.page).toHaveBeenCalledTimes(1);
      expect(hashes()).toEqual([b.hash]);
    });

    it.each([
      ['the same revision', 5, 0],
      ['a newer revision', 9, 1],
    ])('on a connected state with %s reloads %d times', (_name, revision, reloads) => {
      api.serve(page(revision, [a]));
      replica.onState(connected(revision));
      expect(api.page).toHaveBeenCalledTimes(reloads);
      expect(replica.state()).toBe('ready');
    });
  });

  describe('changes during a load', () => {
    let pending: Subject<MergedTorrentPageDto>;
    beforeEach(() => {
      pending = new Subject<MergedTorrentPageDto>();
      api.page.mockReturnValue(pending);
      replica.reload();
    });

    it('applies the changes that arrived while the list was read', () => {
      replica.onChanges(changes(6, { removed: [a.hash] }));
      replica.onChanges(changes(7, { changed: [{ hash: b.hash, name: 'Beta 2' }] }));
      pending.next(page(5, [a, b]));
      pending.complete();
      expect(replica.torrents()).toEqual([{ ...b, name: 'Beta 2' }]);
    });

    it('does not start another load for a state event while one is in flight', () => {
      replica.onState(connected(9));
      expect(api.page).toHaveBeenCalledTimes(1);
    });

    it('reloads when the stream was ahead of the snapshot with changes missed in between', () => {
      replica.onState(connected(9));
      api.serve(page(9, [b]));
      pending.next(page(5, [a, b]));
      pending.complete();
      expect(api.page).toHaveBeenCalledTimes(2);
      expect(hashes()).toEqual([b.hash]);
    });
  });

  describe('the card figures', () => {
    it('reads each figure of its own instance', () => {
      replica.refreshInfo();
      expect(api.status).toHaveBeenCalledWith(SEEDBOX.id);
      expect(api.stats).toHaveBeenCalledWith(SEEDBOX.id);
      expect(api.bandwidth).toHaveBeenCalledWith(SEEDBOX.id);
    });

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
