import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { ConfigStore } from '../../../../server/config/config.store';
import type { PanelConfig } from '../../../../server/config/config.schema';
import { UpstreamHttp } from '../../../../server/upstream/upstream-http.service';

/** The upstream timeout of the tests about a hung upstream (as test/server/support/short-timeout.ts). */
export const SHORT_TIMEOUT_MS = 500;

const MINIMAL_CONFIG: PanelConfig = {
  admin: { username: 'admin', password: 'correct horse battery staple' },
  seerr: { url: '', api_key: '' },
  media_servers: [],
  user_settings: {},
  sync_interval_minutes: 0,
};

/** The panel's one transport with its default policy, for a client under test. */
export function testHttp(): UpstreamHttp {
  return new UpstreamHttp(new HttpService(axios.create()));
}

/**
 * A transport that gives up after SHORT_TIMEOUT_MS. Built without the test panel, so client specs do
 * not load the whole application module graph.
 */
export function shortTimeoutTransport(): UpstreamHttp {
  const store = new ConfigStore({
    file: '/nonexistent/config.json',
    initial: MINIMAL_CONFIG,
    env: { UPSTREAM_TIMEOUT_MS: String(SHORT_TIMEOUT_MS) },
    persist: false,
  });
  return new UpstreamHttp(new HttpService(axios.create()), store);
}
