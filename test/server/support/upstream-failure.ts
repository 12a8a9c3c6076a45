import { UpstreamError } from '../../../server/upstream/upstream-error';

/** The UpstreamError a call rejects with; anything else (or success) fails the test. */
export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UpstreamError) return err;
    throw err;
  }
  throw new Error('expected an UpstreamError');
}
