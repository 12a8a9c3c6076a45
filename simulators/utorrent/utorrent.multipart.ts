/** The bytes of one named field of a multipart/form-data body (enough for `torrent_file`). */
export function multipartField(
  contentType: string | undefined,
  body: Buffer,
  field: string,
): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      if (new RegExp(`name="${field}"`, 'i').test(headers)) {
        // The part's content ends with the CRLF that precedes the next delimiter.
        return part.subarray(headerEnd + 4, part.length - 2);
      }
    }
    at = next;
  }
  return undefined;
}
