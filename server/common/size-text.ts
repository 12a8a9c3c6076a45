/** "64 MB", "1.5 MB", "512 KB", "73.2 GB": sizes as an admin reads them (binary units). */
export function sizeText(bytes: number): string {
  const gb = bytes / 2 ** 30;
  if (gb >= 1) return `${Number(gb.toFixed(1))} GB`;
  const mb = bytes / 2 ** 20;
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
