import { ServiceUnavailableException } from '@nestjs/common';
import type { ConfigStore } from '../../../server/config/config.store';
import type { PlexClient } from '../../../server/plex/plex.client';
import { PlexSessionsPoller } from '../../../server/plex/plex-sessions.poller';

describe('PlexSessionsPoller.stream', () => {
  it('answers the shared event stream when Plex is configured', () => {
    const client = { assertConfigured: jest.fn() };
    const poller = new PlexSessionsPoller(client as unknown as PlexClient, {} as ConfigStore);
    expect(poller.stream()).toBe(poller.events);
    expect(client.assertConfigured).toHaveBeenCalled();
  });

  it('throws the 503 before any stream is opened when Plex is not configured', () => {
    const error = new ServiceUnavailableException('Plex is not configured.');
    const client = {
      assertConfigured: jest.fn(() => {
        throw error;
      }),
    };
    const poller = new PlexSessionsPoller(client as unknown as PlexClient, {} as ConfigStore);
    expect(() => poller.stream()).toThrow(error);
  });
});
