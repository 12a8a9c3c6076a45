import type { Figure } from './figures';
import { fillPath, specRoutes } from './spec-routes';
import { ALL_SECRETS, type ReliabilityWorld } from './world';

/**
 * Distinctive secret values are configured for every service. After the other checks have driven every
 * route and error path (faults included), the responses collected here and every log line of the
 * panel are scanned for them.
 */
export async function checkSecrets(world: ReliabilityWorld): Promise<Figure[]> {
  const responses = world.responses;
  // One more pass over every readable route, healthy and with bad credentials upstream.
  for (const badAuth of [false, true]) {
    for (const { sim } of world.stack.simulators) sim.setFaults({ badAuth });
    for (const route of specRoutes().filter((r) => r.method === 'GET' && !r.isStream)) {
      await world.request('GET', fillPath(route, { name: 'Plex', key: '1' })).catch(() => undefined);
    }
  }
  for (const { sim } of world.stack.simulators) sim.resetFaults();
  const count = (haystack: string) =>
    ALL_SECRETS.reduce((n, secret) => n + haystack.split(secret).length - 1, 0);
  const inResponses = responses.reduce((n, r) => n + count(r), 0);
  const inLogs = count(world.output);
  return [
    {
      check: 'secrets',
      figure: `responses scanned for ${ALL_SECRETS.length} secrets`,
      value: responses.length,
      pass: responses.length > 0,
    },
    {
      check: 'secrets',
      figure: 'secret values found in responses (must be 0)',
      value: inResponses,
      pass: inResponses === 0,
    },
    {
      check: 'secrets',
      figure: `secret values found in ${world.output.split('\n').length} log lines (must be 0)`,
      value: inLogs,
      pass: inLogs === 0,
    },
  ];
}
