// Regenerates openapi/openapi.json from the server's route metadata (no port is opened), then the
// Angular API layer in client/src/app/api from that spec. Both outputs are committed; CI reruns this
// and fails when either differs.
import { execFileSync } from 'node:child_process';

const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });

run(
  process.execPath,
  ['-r', 'ts-node/register/transpile-only', 'server/bin/generate-openapi.ts', 'openapi/openapi.json'],
  {
    TS_NODE_PROJECT: 'tsconfig.json',
  },
);
run(process.execPath, ['node_modules/ng-openapi-gen/lib/index.js', '-c', 'client/ng-openapi-gen.json']);
