// `npm run dev`: the Nest server with watch mode on :8000 and the Angular dev server on :4200 with
// live reload, proxying /api to the server. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['--no-install', 'nest', 'start', '--watch', '--preserveWatchOutput'], {
    stdio: 'inherit',
    env: { LOG_FORMAT: 'text', ...process.env, PORT: process.env.PORT ?? '8000' },
  }),
  spawn('npx', ['--no-install', 'ng', 'serve', '--proxy-config', 'client/proxy.conf.json'], {
    stdio: 'inherit',
  }),
];

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
