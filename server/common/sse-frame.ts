/** One server-sent event as bytes. JSON.stringify never emits a raw newline, so data fits on one line. */
export function sseFrame(event: string, data: unknown): Buffer {
  return Buffer.from(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, 'utf8');
}
