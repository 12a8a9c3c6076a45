import { parseStringPromise } from 'xml2js';

/** An `<i4>` integer: rTorrent answers actions with `<i4>0</i4>`; plain JS numbers serialise as `<i8>`. */
export class I4 {
  constructor(readonly value: number) {}
}

export type RpcValue = string | number | boolean | Buffer | I4 | RpcValue[] | RpcStruct;
export interface RpcStruct {
  [member: string]: RpcValue;
}

/** An XML-RPC fault, serialised as rTorrent (xmlrpc-c) sends it. */
export class RpcFault extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const faultStruct = (fault: RpcFault): RpcStruct => ({
  faultCode: new I4(fault.code),
  faultString: fault.message,
});

/** xmlrpc-c's type numbers, which appear in some fault strings ("But it is type 4 instead."). */
export function xmlrpcType(value: RpcValue): number {
  if (typeof value === 'string') return 4;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number') return Number.isInteger(value) ? 10 : 2;
  if (value instanceof I4) return 0;
  if (Buffer.isBuffer(value)) return 5;
  return Array.isArray(value) ? 6 : 7;
}

const escape = (s: string) =>
  /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;

/** xmlrpc-c's layout: CRLF after each array item, struct member and container opening. */
function write(value: RpcValue, out: string[]): void {
  if (typeof value === 'string') out.push(`<value><string>${escape(value)}</string></value>`);
  else if (typeof value === 'number') out.push(`<value><i8>${Math.trunc(value)}</i8></value>`);
  else if (typeof value === 'boolean') out.push('<value><boolean>', value ? '1' : '0', '</boolean></value>');
  else if (value instanceof I4) out.push('<value><i4>', String(value.value), '</i4></value>');
  else if (Buffer.isBuffer(value)) out.push('<value><base64>', value.toString('base64'), '</base64></value>');
  else if (Array.isArray(value)) {
    out.push('<value><array><data>\r\n');
    for (const item of value) {
      write(item, out);
      out.push('\r\n');
    }
    out.push('</data></array></value>');
  } else {
    out.push('<value><struct>\r\n');
    for (const [name, member] of Object.entries(value)) {
      out.push('<member><name>', escape(name), '</name>\r\n');
      write(member, out);
      out.push('</member>\r\n');
    }
    out.push('</struct></value>');
  }
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\r\n<methodResponse>\r\n';

export function responseXml(value: RpcValue): string {
  const out = [HEAD, '<params>\r\n<param>'];
  write(value, out);
  out.push('</param>\r\n</params>\r\n</methodResponse>\r\n');
  return out.join('');
}

export function faultXml(fault: RpcFault): string {
  const out = [HEAD, '<fault>\r\n'];
  write(faultStruct(fault), out);
  out.push('\r\n</fault>\r\n</methodResponse>\r\n');
  return out.join('');
}

export interface RpcCall {
  method: string;
  params: RpcValue[];
}

const NOT_A_CALL = 'Call XML not a proper XML-RPC call.  ';
const notValid = (detail: string) => new RpcFault(-503, `${NOT_A_CALL}Call is not valid XML.  ${detail}`);
const notProper = (detail: string) => new RpcFault(-503, `${NOT_A_CALL}${detail}`);

/** Parses a `methodCall`; throws the RpcFault rTorrent answers for a malformed one. */
export async function parseCall(body: string): Promise<RpcCall> {
  let doc: Record<string, unknown> | null;
  try {
    doc = (await parseStringPromise(body, { explicitArray: true })) as Record<string, unknown> | null;
  } catch (err) {
    throw notValid(expatMessage(body, (err as Error).message));
  }
  if (!doc) throw notValid('no element found');
  const close = body.lastIndexOf('</');
  if (/\S/.test(body.slice(body.lastIndexOf('>') + 1))) {
    // sax ignores text after the root element; expat does not.
    throw notValid(
      `Invalid XML "content".  Problem with token at '${body.slice(close, close + 30)}...': junk after document element`,
    );
  }
  const [rootName] = Object.keys(doc);
  if (rootName !== 'methodCall') {
    throw notProper(
      `XML-RPC call should be a <methodCall> element.  Instead, we have a <${rootName}> element.`,
    );
  }
  const call = doc.methodCall as Record<string, unknown[]> | string;
  const name = typeof call === 'object' ? call.methodName?.[0] : undefined;
  if (typeof name !== 'string') throw notProper('Expected <methodCall> to have child <methodName>');
  const paramsNode =
    typeof call === 'object' ? (call.params?.[0] as Record<string, unknown[]> | string) : undefined;
  const params = typeof paramsNode === 'object' ? (paramsNode.param ?? []) : [];
  return {
    method: name.trim(),
    params: params.map((param) => {
      const values =
        typeof param === 'object' && param ? (param as Record<string, unknown[]>).value : undefined;
      if (!values || values.length !== 1) {
        throw notProper(`Expected <param> to have 1 children, found ${values?.length ?? 0}`);
      }
      return decodeValue(values[0]);
    }),
  };
}

/** Expat's wording for the ways a body fails to be XML (xml2js/sax words them differently). */
function expatMessage(body: string, saxMessage: string): string {
  if (!body.includes('<')) return 'syntax error';
  const token = `Invalid XML "content".  Problem with token at '...': `;
  if (/Unclosed root tag|Unexpected end/i.test(saxMessage)) return `${token}no element found`;
  if (/outside of root node/i.test(saxMessage)) return `${token}junk after document element`;
  return 'not well-formed';
}

function decodeValue(node: unknown): RpcValue {
  if (typeof node === 'string') return node; // <value>text</value> is a string
  const typed = node as Record<string, unknown[]>;
  const types = Object.keys(typed).filter((k) => k !== '_' && k !== '$');
  if (types.length === 0) return typeof typed._ === 'string' ? typed._ : '';
  const type = types[0];
  const raw = typed[type][0];
  const textOf = () => (typeof raw === 'string' ? raw : ((raw as { _?: string })?._ ?? ''));
  switch (type) {
    case 'string':
      return textOf();
    case 'i4':
    case 'i8':
    case 'int':
    case 'double':
      return Number(textOf().trim());
    case 'boolean':
      return textOf().trim() === '1';
    case 'base64':
      return Buffer.from(textOf().replace(/\s+/g, ''), 'base64');
    case 'array': {
      const data = (raw as Record<string, unknown[]>)?.data?.[0] as
        Record<string, unknown[]> | string | undefined;
      return typeof data === 'object' ? (data.value ?? []).map(decodeValue) : [];
    }
    case 'struct': {
      const out: RpcStruct = {};
      const members = typeof raw === 'object' && raw ? ((raw as Record<string, unknown[]>).member ?? []) : [];
      for (const m of members as Record<string, unknown[]>[]) {
        out[typeof m.name?.[0] === 'string' ? m.name[0] : ''] = decodeValue(m.value?.[0] ?? '');
      }
      return out;
    }
    default:
      throw notProper(`Unknown value type -- XML element is named <${type}>`);
  }
}
