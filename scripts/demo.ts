// `npm run demo`: every simulator with a coherent data set, a temporary config pointing at them, and
// the panel on http://localhost:8000 (PORT). Ctrl-C stops the panel and every simulator.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPanel } from '../server/bootstrap';
import { hashPassword } from '../server/config/password-hash';
import { PanelLogger } from '../server/logging/panel-logger';
import { stopOnSignals } from '../server/stop-on-signals';
import { startSimulatorStack } from '../simulators/stack';
import { startDemoEngine } from './demo-docker';

export const DEMO_LOGIN = { username: 'admin', password: 'demo-admin' };

async function main(): Promise<void> {
  // Applications shows a real dockerd's busybox containers when one can run here, else the simulator's.
  const engine = await startDemoEngine();
  const stack = await startSimulatorStack({ host: '127.0.0.1', docker: engine === null });
  stack.docker?.startChatter(3000);
  const dir = mkdtempSync(join(tmpdir(), 'seedbox-panel-demo-'));
  const configFile = join(dir, 'config.json');
  const config = stack.config({
    username: DEMO_LOGIN.username,
    password_hash: await hashPassword(DEMO_LOGIN.password),
  });
  writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });

  const env = {
    ...process.env,
    ...stack.env,
    // DOCKER_HOST wins over DOCKER_SOCKET, so a DOCKER_HOST of the shell cannot point the demo elsewhere.
    DOCKER_HOST: `unix://${engine?.socketPath ?? stack.docker?.socketPath}`,
    CONFIG_FILE: configFile,
  };
  const logger = new PanelLogger((process.env.LOG_LEVEL as 'log') ?? 'warn', 'text');
  const app = await createPanel({ configFile, env, logger });
  const port = Number(process.env.PORT ?? 8000);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(port, host);

  stopOnSignals(app, logger, async () => {
    process.stdout.write('\nStopping the demo…\n');
    await stack.stop();
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write('Demo stopped.\n');
  });

  const width = Math.max(...stack.simulators.map((s) => s.name.length));
  process.stdout.write(
    [
      '',
      'Seedbox Panel demo is ready.',
      '',
      `  Panel:     http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
      `  Sign in:   ${DEMO_LOGIN.username} / ${DEMO_LOGIN.password}`,
      `  Config:    ${configFile} (temporary)`,
      '',
      '  Simulated upstreams:',
      ...stack.simulators.map(({ name, sim }) => `    ${name.padEnd(width)}  ${sim.url}`),
      engine
        ? `    ${'Docker'.padEnd(width)}  unix://${engine.socketPath} (a real dockerd with busybox containers)`
        : `    ${'Docker'.padEnd(width)}  ${stack.docker?.url ?? ''} (simulated engine)`,
      '',
      'Press Ctrl-C to stop the panel and every simulator.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`The demo could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
