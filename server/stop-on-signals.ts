import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { PanelLogger } from './logging/panel-logger';

/** How long requests still in flight may finish after SIGTERM before their connections are cut. */
export const STOP_GRACE_MS = 3000;

/** How often connections that went idle while stopping are closed (keep-alive would hold them open). */
const IDLE_SWEEP_MS = 50;

/**
 * Stops the panel on SIGTERM or SIGINT and exits 0: Nest closes its modules (which ends every open
 * event stream), the HTTP server stops accepting and waits for requests in flight, at most
 * STOP_GRACE_MS, then cuts what is left. A kept-alive connection goes idle only once its stream or
 * request has ended, after the server began closing, so idle ones are closed again until the end.
 * `docker stop` thus ends in well under its 10 s grace. `after` runs once the panel is down (the demo
 * stops its simulators there).
 */
export function stopOnSignals(
  app: INestApplication,
  logger: PanelLogger,
  after: () => Promise<void> = () => Promise.resolve(),
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping`, 'Bootstrap');
    const server = app.getHttpServer() as Server;
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS).unref();
    const cut = setTimeout(() => {
      logger.warn(`Requests still open ${STOP_GRACE_MS} ms after ${signal}: cutting them`, 'Bootstrap');
      server.closeAllConnections();
    }, STOP_GRACE_MS).unref();
    app
      .close()
      .then(() => {
        clearInterval(sweep);
        clearTimeout(cut);
      })
      .then(after)
      .then(
        () => {
          process.exit(0);
        },
        (err: unknown) => {
          logger.error(
            `Stopping failed: ${err instanceof Error ? err.message : String(err)}`,
            undefined,
            'Bootstrap',
          );
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
