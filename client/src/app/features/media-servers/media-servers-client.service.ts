import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type CreateMediaServerDto,
  type MediaServerDto,
  type MediaServerStatusDto,
  type MediaServerTestDto,
  type PlexServerDto,
  type TestMediaServerDto,
  type UpdateMediaServerDto,
  createMediaServer,
  deleteMediaServer,
  discoverPlexServers,
  getMediaServer,
  listMediaServers,
  testMediaServer,
  testUnsavedMediaServer,
  updateMediaServer,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** Thin wrapper over the generated media-server functions. */
@Injectable({ providedIn: 'root' })
export class MediaServersClient {
  private readonly api = inject(ApiCaller);

  /** User counts come from the server's cache of user lists; `refresh` reads every server again. */
  list(refresh = false): Observable<MediaServerStatusDto[]> {
    return this.api.call(listMediaServers, refresh ? { refresh: true } : undefined);
  }

  get(name: string): Observable<MediaServerStatusDto> {
    return this.api.call(getMediaServer, { name });
  }

  /** Validation errors and name clashes are shown in the dialog, not in a snackbar. */
  create(body: CreateMediaServerDto): Observable<MediaServerDto> {
    return this.api.call(createMediaServer, { body }, handledErrors([400, 409]));
  }

  update(name: string, body: UpdateMediaServerDto): Observable<MediaServerDto> {
    return this.api.call(updateMediaServer, { name, body }, handledErrors([400, 409]));
  }

  remove(name: string): Observable<void> {
    return this.api.call(deleteMediaServer, { name });
  }

  /** Always 200 with the checks; the dialog shows them. */
  test(name: string): Observable<MediaServerTestDto> {
    return this.api.call(testMediaServer, { name }, handledErrors([404]));
  }

  /** Tries a form's values before they are saved; bad fields (400) and an unknown saved_name are shown in the dialog. */
  testUnsaved(body: TestMediaServerDto): Observable<MediaServerTestDto> {
    return this.api.call(testUnsavedMediaServer, { body }, handledErrors([400, 404]));
  }

  /** plex.tv refusing the token (502) or a malformed one (400) are shown next to the token field. */
  discoverPlex(token: string): Observable<PlexServerDto[]> {
    return this.api.call(discoverPlexServers, { token }, handledErrors([400, 502, 504]));
  }
}
