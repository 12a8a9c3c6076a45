import { randomBytes } from 'node:crypto';

/**
 * A multipart/form-data body: text fields, then one .torrent file part (uTorrent's add-file reads
 * `torrent_file`, qBittorrent's torrents/add `torrents`). The file name is only informative; quotes
 * and line breaks are dropped so it cannot break the headers.
 */
export function multipartFile(
  field: string,
  filename: string,
  bytes: Buffer,
  boundary = `----seedbox-panel-${randomBytes(12).toString('hex')}`,
  fields: Record<string, string> = {},
): { body: Buffer; contentType: string } {
  const safeName = filename.replace(/["\r\n\\]/g, '_') || 'upload.torrent';
  const parts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      'utf8',
    ),
  );
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
    'Content-Type: application/x-bittorrent\r\n\r\n';
  return {
    body: Buffer.concat([
      ...parts,
      Buffer.from(head, 'utf8'),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
