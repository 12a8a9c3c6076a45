import { Injectable, inject } from '@angular/core';
import { type Observable, forkJoin, map } from 'rxjs';

import {
  type CreateTorrentClientDto,
  type RutorrentSettingsDto,
  type TestTorrentClientDto,
  type TorrentClientEntryDto,
  type TorrentClientSettingsDto,
  type TorrentClientTestDto,
  type UpdateRutorrentSettingsDto,
  type UpdateTorrentClientDto,
  type UpdateTorrentClientSettingsDto,
  createTorrentClient,
  deleteTorrentClient,
  getRutorrentSettings,
  getUtorrentSettings,
  listTorrentClientSettings,
  testTorrentClient,
  updateRutorrentSettings,
  updateTorrentClient,
  updateUtorrentSettings,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';
import { type TorrentClientRow, entryRow, seedRow } from './torrent-client-form';

/** Thin wrapper over the generated torrent-client settings functions (seed sections and entries). */
@Injectable({ providedIn: 'root' })
export class TorrentClientsClient {
  private readonly api = inject(ApiCaller);

  /** The seed's uTorrent and rTorrent first, then the `torrent_clients` entries in file order. */
  list(): Observable<TorrentClientRow[]> {
    return forkJoin([
      this.api.call(getUtorrentSettings, undefined),
      this.api.call(getRutorrentSettings, undefined),
      this.api.call(listTorrentClientSettings, undefined),
    ]).pipe(
      map(([utorrent, rutorrent, entries]) => [
        seedRow('utorrent', utorrent),
        seedRow('rutorrent', rutorrent),
        ...entries.map(entryRow),
      ]),
    );
  }

  /** Validation errors and id clashes are shown in the dialog, not in a snackbar. */
  create(body: CreateTorrentClientDto): Observable<TorrentClientEntryDto> {
    return this.api.call(createTorrentClient, { body }, handledErrors([400, 409]));
  }

  update(id: string, body: UpdateTorrentClientDto): Observable<TorrentClientEntryDto> {
    return this.api.call(updateTorrentClient, { id, body }, handledErrors([400, 404, 409]));
  }

  updateUtorrent(body: UpdateTorrentClientSettingsDto): Observable<TorrentClientSettingsDto> {
    return this.api.call(updateUtorrentSettings, { body }, handledErrors([400]));
  }

  updateRutorrent(body: UpdateRutorrentSettingsDto): Observable<RutorrentSettingsDto> {
    return this.api.call(updateRutorrentSettings, { body }, handledErrors([400]));
  }

  remove(id: string): Observable<TorrentClientEntryDto> {
    return this.api.call(deleteTorrentClient, { id });
  }

  /** Always 200 with `ok` and the version or the reason; the dialog shows it. */
  test(body: TestTorrentClientDto): Observable<TorrentClientTestDto> {
    return this.api.call(testTorrentClient, { body }, handledErrors([400, 404]));
  }
}
