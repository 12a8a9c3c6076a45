/** "64 MiB", "1.5 MiB", "512 KiB", "73.2 GiB": sizes in the binary units the panel's pages use. */
export function sizeText(bytes: number): string {
  const gib = bytes / 2 ** 30;
  if (gib >= 1) return `${Number(gib.toFixed(1))} GiB`;
  const mib = bytes / 2 ** 20;
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
