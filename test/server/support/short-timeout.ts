import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { ConfigStore } from '../../../server/config/config.store';
import { UpstreamHttp } from '../../../server/upstream/upstream-http.service';
import { baseConfig } from './test-panel';

/** The upstream timeout of the tests about a hung upstream; every other test keeps the generous default. */
export const SHORT_TIMEOUT_MS = 500;

/** A transport that gives up after SHORT_TIMEOUT_MS, for a client pointed at a simulator with `hang` on. */
export function shortTimeoutHttp(): UpstreamHttp {
  const store = new ConfigStore({
    file: '/nonexistent/config.json',
    initial: baseConfig(),
    env: { UPSTREAM_TIMEOUT_MS: String(SHORT_TIMEOUT_MS) },
    persist: false,
  });
  return new UpstreamHttp(new HttpService(axios.create()), store);
}
