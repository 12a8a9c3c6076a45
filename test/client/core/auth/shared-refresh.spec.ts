import { type SessionTokens } from '../../../../client/src/app/core/auth/session.store';
import { type FakeTab, fakeBrowser } from '../../support/fake-tabs';

const FIRST: SessionTokens = { access_token: 'a1', refresh_token: 'r1', username: 'admin' };

/** A refresh endpoint that rotates r<n> to r<n+1> (and a<n+1>), counting its calls. */
function rotatingServer() {
  const calls: string[] = [];
  const refresh = async (refreshToken: string): Promise<SessionTokens> => {
    calls.push(refreshToken);
    await new Promise((done) => setTimeout(done, 5));
    const n = Number(refreshToken.slice(1)) + 1;
    return { access_token: `a${n}`, refresh_token: `r${n}`, username: 'admin' };
  };
  return { calls, refresh };
}

function signedInTabs(count: number, options?: Parameters<typeof fakeBrowser>[0]): FakeTab[] {
  const browser = fakeBrowser(options);
  const tabs = Array.from({ length: count }, () => browser.openTab());
  for (const tab of tabs) tab.session.start(FIRST);
  return tabs;
}

describe('SharedRefresh', () => {
  it('lets one of several tabs refresh and hands its tokens to the others', async () => {
    const server = rotatingServer();
    const tabs = signedInTabs(3);
    const tokens = await Promise.all(tabs.map((tab) => tab.refresh.run(server.refresh)));
    expect(server.calls).toEqual(['r1']);
    expect(tokens).toEqual(['a2', 'a2', 'a2']);
    for (const tab of tabs) {
      expect(tab.session.accessToken()).toBe('a2');
      expect(tab.session.refreshToken()).toBe('r2');
    }
  });

  it('waits for the handed-over tokens when the lock comes before the message', async () => {
    const server = rotatingServer();
    const tabs = signedInTabs(3, { deliveryMs: 30 });
    const tokens = await Promise.all(tabs.map((tab) => tab.refresh.run(server.refresh)));
    expect(server.calls).toEqual(['r1']);
    expect(tokens).toEqual(['a2', 'a2', 'a2']);
  });

  it('refreshes again with the new token once the earlier refresh is over', async () => {
    const server = rotatingServer();
    const [a, b] = signedInTabs(2);
    expect(await a.refresh.run(server.refresh)).toBe('a2');
    await new Promise((done) => setTimeout(done, 10));
    expect(b.session.accessToken()).toBe('a2');
    expect(await b.refresh.run(server.refresh)).toBe('a3');
    expect(server.calls).toEqual(['r1', 'r2']);
  });

  it('ignores a handed-over pair that is not the stored one', async () => {
    const browser = fakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    a.session.start(FIRST);
    await a.refresh.run(() =>
      Promise.resolve({ access_token: 'a2', refresh_token: 'r2', username: 'admin' }),
    );
    // A newer rotation lands in storage before `a`'s message arrives.
    browser.storage.setItem('seedbox-panel.refresh-token', 'r9');
    await new Promise((done) => setTimeout(done, 10));
    expect(b.session.accessToken()).toBeNull();
  });

  it('without Web Locks every tab refreshes on its own (the server replays the rotation)', async () => {
    const server = rotatingServer();
    const tabs = signedInTabs(2, { locks: false });
    await Promise.all(tabs.map((tab) => tab.refresh.run(server.refresh)));
    expect(server.calls).toEqual(['r1', 'r1']);
  });
});
