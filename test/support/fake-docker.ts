import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeDocker {
  socketPath: string;
  /** Containers restarted, in order. */
  restarts: string[];
  stop(): Promise<void>;
}

/** A fake Docker Engine API on a Unix socket: knows the given containers, answers 404 for others. */
export async function startFakeDocker(containers: string[]): Promise<FakeDocker> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-docker-'));
  const socketPath = join(dir, 'docker.sock');
  const restarts: string[] = [];
  const server: Server = createServer((req, res) => {
    const match = /^\/containers\/([^/]+)\/restart/.exec(req.url ?? '');
    if (req.method === 'POST' && match) {
      const name = decodeURIComponent(match[1]);
      if (containers.includes(name)) {
        restarts.push(name);
        res.writeHead(204).end();
      } else {
        res
          .writeHead(404, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ message: `No such container: ${name}` }));
      }
      return;
    }
    res
      .writeHead(404, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ message: 'page not found' }));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    restarts,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
