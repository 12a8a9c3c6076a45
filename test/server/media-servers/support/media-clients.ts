import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaServerSection } from '../../../../server/config/config.schema';
import { ConfigStore } from '../../../../server/config/config.store';
import { MediaServerClientFactory } from '../../../../server/media-servers/media-server-client.factory';
import { PlexClientIdentifier } from '../../../../server/plex-common/plex-client-identifier.service';
import { UpstreamError } from '../../../../server/upstream/upstream-error';
import { UpstreamHttp } from '../../../../server/upstream/upstream-http.service';
import { baseConfig } from '../../support/test-panel';

export interface ClientKit {
  dir: string;
  http: UpstreamHttp;
  store: ConfigStore;
  clientId: PlexClientIdentifier;
  factory: MediaServerClientFactory;
  cleanup: () => void;
}

/** The real factory over the real transport, with an in-memory config (and `env`) in its own temp directory. */
export function clientKit(env: NodeJS.ProcessEnv = {}, dir?: string): ClientKit {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'seedbox-media-'));
  const store = new ConfigStore({
    file: join(folder, 'config.json'),
    initial: baseConfig(),
    env,
    persist: false,
  });
  // The transport takes UPSTREAM_TIMEOUT_MS from this store's environment.
  const http = new UpstreamHttp(new HttpService(axios.create()), store);
  const clientId = new PlexClientIdentifier(store);
  return {
    dir: folder,
    http,
    store,
    clientId,
    factory: new MediaServerClientFactory(http, store, clientId),
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}

export function entry(
  overrides: Partial<MediaServerSection> & Pick<MediaServerSection, 'type'>,
): MediaServerSection {
  return { name: 'Test', url: 'http://127.0.0.1:9', token: 'token', enabled: true, ...overrides };
}

export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UpstreamError) return err;
    throw err;
  }
  throw new Error('expected an UpstreamError');
}
