/**
 * Polls `check` until it returns true, for state that settles asynchronously; fails after a deadline with
 * a message naming what never happened. The deadline is generous on purpose: it only bounds a failure.
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
