/** The pointer's x inside the chart's SVG, in px. */
export function pointerX(event: PointerEvent): number {
  const svg = event.currentTarget as Element;
  return event.clientX - svg.getBoundingClientRect().left;
}

/** Where the read-out goes: right of the cursor on the left half of the chart, left of it on the right half. */
export function tooltipSide(
  x: number,
  width: number,
): { readonly left: number | null; readonly right: number | null } {
  return x <= width / 2 ? { left: x + 10, right: null } : { left: null, right: width - x + 10 };
}
