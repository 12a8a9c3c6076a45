import { TestBed } from '@angular/core/testing';
import { type Subscription } from 'rxjs';

import { EventStreamService } from '../../../../client/src/app/core/api/event-stream.service';
import { AuthService } from '../../../../client/src/app/core/auth/auth.service';
import { useNoDomTestBed } from '../../support/no-dom-test-bed';

useNoDomTestBed();

/** A 200 event stream that sends `text` and then ends, as the server does when it closes one. */
function streamOf(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const progress = 'event: progress\ndata: {"n":1}\n\n';
const ended = (reason: string) => `event: session-ended\ndata: {"reason":"${reason}","message":"..."}\n\n`;

describe('EventStreamService when the server ends a stream because of the session', () => {
  const auth = { expireSession: jest.fn(), tokenAfterUnauthorized: jest.fn() };
  let fetchMock: jest.Mock;
  let subscription: Subscription | undefined;
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    jest.useFakeTimers();
    auth.expireSession.mockReset();
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock;
    TestBed.configureTestingModule({ providers: [{ provide: AuthService, useValue: auth }] });
  });
  afterEach(() => {
    subscription?.unsubscribe();
    globalThis.fetch = realFetch;
    jest.useRealTimers();
  });

  const listen = () => {
    const received: unknown[] = [];
    subscription = TestBed.inject(EventStreamService)
      .events<{ n: number }>('/api/sync/events', ['progress'])
      .subscribe((e) => received.push(e.data));
    return received;
  };
  /** Lets virtual time pass (the reconnect backoff starts at 2 s) with every promise settled on the way. */
  const pass = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  it('sends the user to sign in when the session was signed out, and stays closed', async () => {
    fetchMock.mockResolvedValue(streamOf(progress + ended('signed-out')));
    const received = listen();
    await pass(60_000);
    expect(received).toEqual([{ n: 1 }]);
    expect(auth.expireSession).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('reopens at once when only the access token expired', async () => {
    fetchMock
      .mockResolvedValueOnce(streamOf(ended('expired')))
      .mockResolvedValueOnce(streamOf(progress))
      .mockReturnValue(new Promise(() => undefined));
    const received = listen();
    await pass(10);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(received).toEqual([{ n: 1 }]);
    expect(auth.expireSession).not.toHaveBeenCalled();
  });
});
