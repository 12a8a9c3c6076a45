/**
 * How deluge-web 2.0.3 reports failures. The JSON-RPC envelope is `{result, error, id}` with
 * `error = {message, code}`:
 * - 1 "Not authenticated" (no valid `_session_id` for a method that needs one),
 * - 2 "Unknown method" (also every `core.*` call before web.connect: the web UI learns the daemon's
 *   methods only from its first connection),
 * - 3 an exception inside deluge-web itself ("TypeError: …"),
 * - 4 a failure from the daemon: the message is the twisted Failure's text,
 *   `Failure: [Failure instance: Traceback (failure with no frames): <class 'deluge.error.X'>: TEXT\n]`,
 * - 5 a request it could not read (wrong content type, bad JSON, a missing member), with `id` null.
 */
export class DelugeRpcError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

const FAILURE = 'Failure: [Failure instance: Traceback (failure with no frames): ';

/** A deluge.error class the daemon raises itself (AddTorrentError, InvalidTorrentError): no traceback. */
export function daemonError(cls: 'AddTorrentError' | 'InvalidTorrentError', text: string): DelugeRpcError {
  return new DelugeRpcError(`${FAILURE}<class 'deluge.error.${cls}'>: ${text}\n]`, 4);
}

/**
 * Any other exception inside a daemon method comes back as a WrappedException carrying the remote
 * traceback (abridged here to its first and last frames) and the original exception's type.
 */
export function wrappedError(exception: string, text: string, where = 'dispatch'): DelugeRpcError {
  const frames =
    where === 'dispatch'
      ? '  File "/usr/lib/python3/dist-packages/deluge/core/rpcserver.py", line 326, in dispatch\n' +
        '    ret = self.factory.methods[method](*args, **kwargs)\n' +
        '          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n'
      : '  File "/usr/lib/python3/dist-packages/deluge/core/rpcserver.py", line 347, in on_fail\n' +
        '    failure.raiseException()\n';
  return new DelugeRpcError(
    `${FAILURE}<class 'deluge.error.WrappedException'>: ${text}\nTraceback (most recent call last):\n${frames}${exception}: ${text}\n\n]`,
    4,
  );
}

/** An unknown torrent id looked up with `torrentmanager[id]`: a KeyError naming the id in quotes. */
export const unknownTorrentKey = (id: unknown) => wrappedError('KeyError', `'${String(id)}'`);

/** A Label plugin check_input failure: a plain Exception. */
export const labelError = (text: string) => wrappedError('Exception', text);

export const notAuthenticated = () => new DelugeRpcError('Not authenticated', 1);
export const unknownMethod = () => new DelugeRpcError('Unknown method', 2);
