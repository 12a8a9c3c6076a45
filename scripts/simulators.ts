// `npm run simulators`: every upstream simulator on stable ports (SIM_BASE_PORT, default 9100) with the
// demo data set, for developing against them by hand. Faults: PUT <url>/__sim/faults; counters: GET
// <url>/__sim/counters. Ctrl-C stops them.
import { startSimulatorStack } from '../simulators/stack';

async function main(): Promise<void> {
  const stack = await startSimulatorStack({
    basePort: Number(process.env.SIM_BASE_PORT ?? 9100),
    docker: true,
  });
  const config = stack.config({ username: 'admin', password: 'change-me' });
  process.stdout.write(
    [
      'Simulators running:',
      ...stack.simulators.map(({ name, sim }) => `  ${name.padEnd(18)} ${sim.url}`),
      '',
      `plex.tv base URL for the panel: PLEX_TV_URL=${stack.env.PLEX_TV_URL}`,
      `Docker Engine simulator for the panel: DOCKER_SOCKET=${stack.env.DOCKER_SOCKET}`,
      'A config.json pointing at them:',
      JSON.stringify({ ...config, admin: { username: 'admin', password: 'change-me' } }, null, 2),
      '',
    ].join('\n'),
  );
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `The simulators could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
