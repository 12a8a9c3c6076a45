import type { SimRequest, SimResponse } from '../core';

export type PlexValue = string | number | boolean | undefined;

/**
 * One element of a PMS answer. XML renders it as `<tag attrs…>children</tag>`; JSON renders
 * attributes as keys and groups children under `json ?? tag`, as an array unless `single`
 * (PMS's singular session children `User`, `Player`, `Session`, `TranscodeSession`).
 */
export interface PlexNode {
  tag: string;
  attrs: Record<string, PlexValue>;
  children?: PlexNode[];
  json?: string;
  single?: boolean;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c]) : value;
}

/** XML attributes; booleans become "1"/"0" as on every Plex XML answer. */
export function xmlAttrs(attrs: Record<string, PlexValue>): string {
  let out = '';
  for (const key in attrs) {
    const value = attrs[key];
    if (value === undefined) continue;
    const shown =
      typeof value === 'boolean'
        ? value
          ? '1'
          : '0'
        : typeof value === 'number'
          ? String(value)
          : escapeXml(value);
    out += ` ${key}="${shown}"`;
  }
  return out;
}

// Appends to one list joined once: answers for 10,000 plex.tv users stay fast.
function nodeXml(node: PlexNode, indent: string, out: string[]): void {
  const open = `${indent}<${node.tag}${xmlAttrs(node.attrs)}`;
  if (!node.children?.length) {
    out.push(`${open}/>\n`);
    return;
  }
  out.push(`${open}>\n`);
  const inner = `${indent}  `;
  for (const child of node.children) nodeXml(child, inner, out);
  out.push(`${indent}</${node.tag}>\n`);
}

export function toXml(root: PlexNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  nodeXml(root, '', out);
  return out.join('');
}

function nodeJson(node: PlexNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.attrs)) if (value !== undefined) out[key] = value;
  for (const child of node.children ?? []) {
    const key = child.json ?? child.tag;
    if (child.single) out[key] = nodeJson(child);
    else ((out[key] ??= []) as unknown[]).push(nodeJson(child));
  }
  return out;
}

export function toJson(root: PlexNode): string {
  return JSON.stringify({ [root.tag]: nodeJson(root) });
}

/** PMS answers JSON when the client sends `Accept: application/json`, XML otherwise. */
export function wantsJson(req: SimRequest): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

export function plexAnswer(
  req: SimRequest,
  root: PlexNode,
  headers: Record<string, string> = {},
): SimResponse {
  return wantsJson(req)
    ? { status: 200, headers: { 'Content-Type': 'application/json', ...headers }, body: toJson(root) }
    : { status: 200, headers: { 'Content-Type': 'text/xml;charset=utf-8', ...headers }, body: toXml(root) };
}

export function container(attrs: Record<string, PlexValue>, children: PlexNode[] = []): PlexNode {
  return { tag: 'MediaContainer', attrs, children };
}

export interface Page {
  start: number;
  size: number | undefined;
}

/** `X-Plex-Container-Start/Size`, from the query or the request headers. */
export function pageOf(req: SimRequest): Page {
  const read = (name: string): number | undefined => {
    const raw = req.query.get(name) ?? req.headers[name.toLowerCase()];
    const n = Number(Array.isArray(raw) ? raw[0] : raw);
    return raw === undefined || raw === null || !Number.isFinite(n) ? undefined : Math.max(0, Math.floor(n));
  };
  return { start: read('X-Plex-Container-Start') ?? 0, size: read('X-Plex-Container-Size') };
}

/** Slices a list and answers with `size`/`totalSize`/`offset` plus the matching response headers. */
export function pagedAnswer<T>(
  req: SimRequest,
  all: readonly T[],
  attrs: Record<string, PlexValue>,
  render: (item: T) => PlexNode,
): SimResponse {
  const { start, size } = pageOf(req);
  const page = all.slice(start, size === undefined ? undefined : start + size);
  const root = container(
    { size: page.length, totalSize: all.length, offset: start, ...attrs },
    page.map(render),
  );
  return plexAnswer(req, root, {
    'X-Plex-Container-Start': String(start),
    'X-Plex-Container-Total-Size': String(all.length),
  });
}
