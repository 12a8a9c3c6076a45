import { Parser } from 'xml2js';
import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import { scanResponse, type ScannedResponse } from './xmlrpc-scan';

/** A value to send: strings, integers (`<i8>`), booleans, bytes (`<base64>`), arrays and structs. */
export type XmlRpcArg = string | number | boolean | Buffer | XmlRpcArg[] | { [member: string]: XmlRpcArg };
/** A decoded value: integers of any width become numbers, `<base64>` a Buffer. */
export type XmlRpcValue =
  string | number | boolean | Buffer | XmlRpcValue[] | { [member: string]: XmlRpcValue };

/** An XML-RPC fault (rTorrent answers them with HTTP 200). */
export class XmlRpcFault extends Error {
  constructor(
    readonly code: number,
    readonly faultString: string,
  ) {
    super(`${faultString} (fault ${code})`);
    this.name = 'XmlRpcFault';
  }
}

/** A value XML-RPC cannot carry (a control character, a fraction). */
export class XmlRpcUnencodable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRpcUnencodable';
  }
}

/** XML 1.0 forbids control characters other than tab, LF and CR, even escaped. */
function forbidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) return true;
  }
  return false;
}

export function escapeXml(text: string): string {
  if (forbidden(text)) throw new XmlRpcUnencodable('a value holds a control character XML cannot carry');
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function encodeValue(arg: XmlRpcArg): string {
  if (typeof arg === 'string') return `<value><string>${escapeXml(arg)}</string></value>`;
  if (typeof arg === 'number') {
    if (!Number.isSafeInteger(arg)) throw new XmlRpcUnencodable(`${arg} is not an integer`);
    return `<value><i8>${arg}</i8></value>`;
  }
  if (typeof arg === 'boolean') return `<value><boolean>${arg ? 1 : 0}</boolean></value>`;
  if (Buffer.isBuffer(arg)) return `<value><base64>${arg.toString('base64')}</base64></value>`;
  if (Array.isArray(arg))
    return `<value><array><data>${arg.map(encodeValue).join('')}</data></array></value>`;
  const members = Object.entries(arg).map(
    ([name, value]) => `<member><name>${escapeXml(name)}</name>${encodeValue(value)}</member>`,
  );
  return `<value><struct>${members.join('')}</struct></value>`;
}

/** A `methodCall` document; every string is escaped, so names and URLs cannot break the XML. */
export function encodeCall(method: string, params: readonly XmlRpcArg[]): string {
  const body = params.map((p) => `<param>${encodeValue(p)}</param>`).join('');
  return `<?xml version="1.0"?>\n<methodCall><methodName>${escapeXml(method)}</methodName><params>${body}</params></methodCall>`;
}

type Node = Record<string, unknown[]> | string;

function text(node: unknown): string {
  if (typeof node === 'string') return node;
  const t = (node as { _?: unknown } | undefined)?._;
  return typeof t === 'string' ? t : '';
}

function decodeValue(node: unknown): XmlRpcValue {
  // <value>text</value> (no type element) is a string; <value/> is "".
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const typed = node as Record<string, unknown[]>;
  const type = Object.keys(typed).find((k) => k !== '_' && k !== '$');
  if (!type) return text(typed);
  const raw = typed[type]?.[0];
  switch (type) {
    case 'string':
      return text(raw);
    case 'i4':
    case 'i8':
    case 'int':
    case 'double': {
      const n = Number(text(raw).trim());
      if (!Number.isFinite(n)) throw new UnexpectedAnswer(`<${type}> holds "${text(raw)}"`);
      return n;
    }
    case 'boolean':
      return text(raw).trim() === '1';
    case 'base64':
      return Buffer.from(text(raw).replace(/\s+/g, ''), 'base64');
    case 'array': {
      const data = (raw as Record<string, Node[]> | undefined)?.data?.[0];
      // An empty array is <data>\r\n</data>, which parses as a string.
      return typeof data === 'object' && data ? (data.value ?? []).map(decodeValue) : [];
    }
    case 'struct': {
      const out: Record<string, XmlRpcValue> = {};
      const members = typeof raw === 'object' && raw ? ((raw as Record<string, unknown[]>).member ?? []) : [];
      for (const m of members as Array<Record<string, unknown[]>>)
        out[text(m.name?.[0])] = decodeValue(m.value?.[0]);
      return out;
    }
    default:
      throw new UnexpectedAnswer(`unknown value type <${type}>`);
  }
}

/**
 * Decodes a `methodResponse`: resolves its value, throws `XmlRpcFault` for a fault and `UnexpectedAnswer`
 * for anything else. Plain XML-RPC (all rTorrent writes) goes through the one-pass scanner; any other
 * document through xml2js, which also names what is wrong with a malformed one.
 */
export async function decodeResponse(xml: string): Promise<XmlRpcValue> {
  const response = (await scanResponse(xml)) ?? (await parseResponse(xml));
  if (!response.fault) return response.value;
  const struct = response.value as Record<string, XmlRpcValue>;
  throw new XmlRpcFault(Number(struct.faultCode ?? 0), asText(struct.faultString));
}

/**
 * The xml2js reading of a `methodResponse`, in its asynchronous mode (it yields to the event loop every
 * 10,000 characters, so a large odd document does not block the panel).
 */
export async function parseResponse(xml: string): Promise<ScannedResponse> {
  let doc: { methodResponse?: Record<string, unknown[]> } | null;
  try {
    doc = (await new Parser({ explicitArray: true, strict: true, async: true }).parseStringPromise(
      xml,
    )) as typeof doc;
  } catch (err) {
    throw new UnexpectedAnswer(`not valid XML: ${(err as Error).message.split('\n')[0]}`);
  }
  const response = doc?.methodResponse;
  if (!response || typeof response !== 'object') throw new UnexpectedAnswer('no <methodResponse>');
  const fault = response.fault?.[0] as Record<string, unknown[]> | undefined;
  if (fault) return { fault: true, value: decodeValue(fault.value?.[0]) };
  const param = (response.params?.[0] as Record<string, unknown[]> | undefined)?.param?.[0] as
    Record<string, unknown[]> | undefined;
  if (!param?.value) throw new UnexpectedAnswer('no <params><param><value>');
  return { fault: false, value: decodeValue(param.value[0]) };
}

/** One result of `system.multicall`: a 1-element array on success, an inline fault struct otherwise. */
export type MulticallResult = { ok: true; value: XmlRpcValue } | { ok: false; fault: XmlRpcFault };

export function multicallResults(value: XmlRpcValue, expected: number): MulticallResult[] {
  if (!Array.isArray(value) || value.length !== expected) {
    throw new UnexpectedAnswer(
      `system.multicall answered ${Array.isArray(value) ? value.length : 'no'} results for ${expected} calls`,
    );
  }
  return value.map((item): MulticallResult => {
    if (Array.isArray(item) && item.length === 1) return { ok: true, value: item[0] };
    if (
      item &&
      typeof item === 'object' &&
      !Array.isArray(item) &&
      !Buffer.isBuffer(item) &&
      'faultCode' in item
    ) {
      const s = item as Record<string, XmlRpcValue>;
      return { ok: false, fault: new XmlRpcFault(Number(s.faultCode), asText(s.faultString)) };
    }
    throw new UnexpectedAnswer('a system.multicall result is neither a 1-element array nor a fault');
  });
}

/** A string or number as text; anything else (a struct, an array) as "". */
export function asText(value: XmlRpcValue | undefined): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
