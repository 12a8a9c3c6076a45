import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '../../../server/audit/audit.service';
import { baseConfig, startTestPanel, TEST_ADMIN, type TestPanel } from '../support/test-panel';

/** Fills the filesystem of `dir` with one file until the kernel says there is no space. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A real full disk needs a small tmpfs, which needs root and mount rights (CI has both). */
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'seedbox-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    process.stderr.write('disk-full.spec: skipped, mounting a tmpfs needs root (run the suite as root).\n');
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

(canMountTmpfs() ? describe : describe.skip)('a full disk', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'seedbox-full-'));
  const dir = join(mountPoint, 'config');
  const filler = join(mountPoint, 'filler');
  let panel: TestPanel;
  let token: string;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]);
    mkdirSync(dir);
    panel = await startTestPanel(baseConfig(), {}, { dir });
    token = (await panel.login()).access_token;
    fillDisk(filler);
  });
  afterAll(async () => {
    await panel?.close();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  const sentence = `The panel cannot save to ${dir}: the disk is full. Free some space there and try again.`;

  it('answers 507 naming the directory to a settings change, and keeps config.json as it was', async () => {
    const before = readFileSync(panel.configFile, 'utf8');
    const res = await panel
      .http()
      .put('/api/seerr')
      .auth(token, { type: 'bearer' })
      .send({ concurrency: 2 })
      .expect(507);
    expect(res.body).toEqual({
      statusCode: 507,
      error: 'Insufficient Storage',
      message: sentence,
      detail: sentence,
    });
    expect(readFileSync(panel.configFile, 'utf8')).toBe(before);
  });

  it('answers 507 naming the directory to a sign-in', async () => {
    // A sign-in stores a refresh token; a few keep SQLite's write-ahead log growing until it cannot.
    let status = 200;
    for (let i = 0; i < 200 && status === 200; i++)
      status = (await panel.http().post('/api/auth/login').send(TEST_ADMIN)).status;
    expect(status).toBe(507);
  });

  it('readiness answers 503 with the free-space check failing', async () => {
    const res = await panel.http().get('/api/health/ready').auth(token, { type: 'bearer' }).expect(503);
    const disk = (res.body.checks as { name: string; ok: boolean; detail: string }[]).find(
      (c) => c.name === 'disk',
    );
    expect(disk).toMatchObject({ ok: false });
    expect(disk!.detail).toContain(`free in ${dir}`);
  });

  it('keeps the audit entries made meanwhile and writes them once there is space', async () => {
    const audit = panel.app.get(AuditService);
    await panel.auditWritten();
    expect(audit.backlog.waiting).toBeGreaterThan(0);
    unlinkSync(filler);
    await until(() => audit.backlog.waiting === 0);
    const page = await audit.list({ action: 'seerr.update', page_size: 10 });
    expect(page.items.map((e) => e.status_code)).toContain(507);
    const ready = await panel.http().get('/api/health/ready').auth(token, { type: 'bearer' }).expect(200);
    expect(ready.body.status).toBe('ok');
  });
});
