/** A from/to range of `YYYY-MM-DD` days the wrong way round (both set, from later); such days sort as text. */
export function fromAfterTo(range: { readonly from: string; readonly to: string }): boolean {
  return !!range.from && !!range.to && range.from > range.to;
}
