import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WRITER = resolve(__dirname, 'support', 'write-loop.ts');

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('atomic config writes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'atomic-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never leave an unparseable file when the writer is killed with SIGKILL', async () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ version: -1, padding: '' }));
    const kills = 12;
    for (let round = 0; round < kills; round++) {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', WRITER, file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Wait until the child is really writing, then kill it at a random moment.
      await new Promise<void>((res) => child.stdout.once('data', () => res()));
      await sleep(5 + Math.random() * 40);
      child.kill('SIGKILL');
      await new Promise((res) => child.once('exit', res));
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version: number; padding: string };
      expect(parsed.padding).toHaveLength(parsed.version < 0 ? 0 : 20000);
      expect(existsSync(`${file}.bak`) ? JSON.parse(readFileSync(`${file}.bak`, 'utf8')) : {}).toBeDefined();
    }
    // Temp files of killed writers may remain; they never replace the config.
    expect(readdirSync(dir).filter((f) => f === 'config.json')).toHaveLength(1);
  }, 60000);
});
