import type { Readable } from 'node:stream';
import type { BodyBudget } from './body-budget';
import { UpstreamError } from './upstream-error';
import { sizeText } from '../common/size-text';

/**
 * Reads one response body under two bounds: its own cap, and the budget every answer being read
 * shares. Passing either destroys the stream at once (which closes the socket, so the upstream stops
 * sending), drops what was read and throws a 502 naming the service. The caller calls `release()`
 * once it no longer needs the body, which gives its bytes back to the budget.
 */
export class CappedBody {
  private heldBytes = 0;

  constructor(
    private readonly service: string,
    private readonly budget: BodyBudget,
    private readonly capBytes: number,
  ) {}

  /** Bytes read so far and still counted against the budget. */
  held(): number {
    return this.heldBytes;
  }

  release(): void {
    this.budget.give(this.heldBytes);
    this.heldBytes = 0;
  }

  async read(stream: Readable, contentLength: string | undefined): Promise<Buffer> {
    // An answer that says up front it is over the cap is not read at all.
    if (Number(contentLength) > this.capBytes) throw this.overCap();
    const chunks: Buffer[] = [];
    // Leaving the loop early (a throw) destroys the stream and with it the socket.
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (this.heldBytes + chunk.length > this.capBytes) throw this.overCap();
      if (!this.budget.take(chunk.length)) throw this.overBudget();
      this.heldBytes += chunk.length;
      chunks.push(chunk);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }

  private overCap(): UpstreamError {
    return new UpstreamError(
      this.service,
      'too-large',
      `${this.service} sent an answer larger than ${sizeText(this.capBytes)}; the panel stopped reading it.`,
    );
  }

  private overBudget(): UpstreamError {
    return new UpstreamError(
      this.service,
      'too-large',
      `${this.service} sent more than the panel has room for (${sizeText(this.budget.limitBytes)} for all answers being read at once); the panel stopped reading it.`,
    );
  }
}
