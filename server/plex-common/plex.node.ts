import { UnexpectedAnswer } from '../upstream/unexpected-answer';

/**
 * Reading a PMS answer in either format. XML arrives as xml2js objects (attributes under `$`, every
 * child as an array, `"0"`/`"1"` booleans, numbers as strings); JSON (`Accept: application/json`) puts
 * attributes as keys, repeated children in arrays and the singular session children as objects.
 * Both go through `attrs` and `children`, so each mapper reads either.
 */
export type PlexNode = Record<string, unknown>;

export function isNode(value: unknown): value is PlexNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function attrs(node: PlexNode): PlexNode {
  return isNode(node.$) ? node.$ : node;
}

/** Children with any of the tags: JSON names every item `Metadata`, XML uses `Video`, `Track`, … */
export function children(node: PlexNode, ...tags: string[]): PlexNode[] {
  return tags.flatMap((tag) => {
    const value = node[tag];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).filter(isNode);
  });
}

/** The first child with the tag (XML: a one-element array; JSON: an object). */
export function child(node: PlexNode, tag: string): PlexNode | undefined {
  return children(node, tag)[0];
}

/** `MediaContainer`; an empty XML element (`<MediaContainer/>`) parses as the empty string. */
export function mediaContainer(body: unknown): PlexNode {
  const value = isNode(body) ? body.MediaContainer : undefined;
  if (value === '') return {};
  if (!isNode(value)) throw new UnexpectedAnswer('no MediaContainer');
  return value;
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function textOrNull(value: unknown): string | null {
  return text(value) || null;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** Epoch seconds (PMS's `updatedAt`, `scannedAt`, `viewedAt`) as an ISO date-time, or null. */
export function epochIso(value: unknown): string | null {
  const n = num(value);
  return n === null || n <= 0 ? null : new Date(n * 1000).toISOString();
}
