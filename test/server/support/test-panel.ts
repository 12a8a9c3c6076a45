import { AuditService } from '../../../server/audit/audit.service';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createPanel } from '../../../server/bootstrap';
import type { PanelConfig } from '../../../server/config/config.schema';
import { PanelLogger } from '../../../server/logging/panel-logger';

export const TEST_ADMIN = { username: 'admin', password: 'correct horse battery staple' };

export interface TestPanel {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> of the listening app */
  url: string;
  dir: string;
  configFile: string;
  logs: string[];
  http: () => ReturnType<typeof request>;
  login: () => Promise<{ access_token: string; refresh_token: string }>;
  /** Waits until the audit entries of the requests answered so far are written (they land after the response). */
  auditWritten: () => Promise<void>;
  close: () => Promise<void>;
}

export function baseConfig(overrides: Partial<PanelConfig> = {}): PanelConfig {
  return {
    admin: { ...TEST_ADMIN },
    seerr: { url: '', api_key: '' },
    media_servers: [],
    user_settings: {},
    sync_interval_minutes: 0,
    ...overrides,
  };
}

/** Boots the real app (real pipes, guard, filter, database) on a loopback port with its own temp config dir. */
export async function startTestPanel(
  config: PanelConfig = baseConfig(),
  env: NodeJS.ProcessEnv = {},
  options: { dir?: string; clientDir?: string } = {},
): Promise<TestPanel> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'seedbox-panel-test-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logs: string[] = [];
  const logger = new PanelLogger('debug', 'json', { write: (line) => void logs.push(line) });
  const app = await createPanel({
    configFile,
    env: { ...env, CONFIG_FILE: configFile },
    logger,
    clientDir: options.clientDir ?? join(dir, 'no-client'),
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const http = () => request(url);
  return {
    app,
    url,
    dir,
    configFile,
    logs,
    http,
    login: async () => {
      const res = await http().post('/api/auth/login').send(TEST_ADMIN).expect(200);
      return res.body as { access_token: string; refresh_token: string };
    },
    auditWritten: () => app.get(AuditService).written(),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
