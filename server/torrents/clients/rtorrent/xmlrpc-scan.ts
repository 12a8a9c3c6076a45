import type { XmlRpcValue } from './xmlrpc';

/** What a `methodResponse` holds: its one value, or the value of its fault. */
export type ScannedResponse = { fault: false; value: XmlRpcValue } | { fault: true; value: XmlRpcValue };

/** Thrown inside the scanner when the document is not plain XML-RPC; never leaves this file. */
class NotPlain extends Error {}

/** About 1.5 ms of work per turn with rTorrent's 18-column list rows. */
const ITEMS_PER_TURN = 250;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const NAMES = [
  'methodResponse',
  'params',
  'param',
  'fault',
  'value',
  'array',
  'data',
  'struct',
  'member',
  'name',
];
/** In the order rTorrent's answers use them most. */
const SCALARS = ['string', 'i8', 'i4', 'int', 'boolean', 'double', 'base64'];
/** Each element's opening, closing and empty-element tags, built once. */
const TAGS: Record<string, { open: string; close: string; empty: string }> = Object.fromEntries(
  [...NAMES, ...SCALARS].map((n) => [n, { open: `<${n}>`, close: `</${n}>`, empty: `<${n}/>` }]),
);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * A single pass over a `methodResponse` that builds the values directly, for rTorrent's list answers
 * (5,000 torrents are ~3 MB of XML: xml2js builds an object per element and takes ~0.4 s, this ~20 ms).
 * It reads only what rTorrent and ruTorrent write: the XML declaration, elements without attributes,
 * text with the five named and the numeric character references. For anything else (a comment,
 * CDATA, an attribute, an unknown type, a malformed document) it answers undefined and xml2js decides,
 * so the result and every error message are those of the xml2js path (a differential test checks it).
 * A top-level array (a listing) is read ITEMS_PER_TURN items at a time, yielding to the event loop
 * between, so requests keep being answered while a large answer is read.
 */
export async function scanResponse(xml: string): Promise<ScannedResponse | undefined> {
  try {
    return await new Scanner(xml).response();
  } catch (err) {
    if (err instanceof NotPlain) return undefined;
    throw err;
  }
}

class Scanner {
  private i = 0;

  constructor(private readonly xml: string) {}

  async response(): Promise<ScannedResponse> {
    if (this.xml.charCodeAt(0) === 0xfeff) this.i = 1;
    if (this.xml.startsWith('<?xml', this.i)) {
      const end = this.xml.indexOf('?>', this.i);
      if (end < 0) throw new NotPlain();
      this.i = end + 2;
    }
    this.open('methodResponse');
    let result: ScannedResponse;
    if (this.peekOpen('fault')) {
      this.open('fault');
      result = { fault: true, value: this.value() };
      this.close('fault');
    } else {
      this.open('params');
      this.open('param');
      result = { fault: false, value: await this.paramValue() };
      this.close('param');
      this.close('params');
    }
    this.close('methodResponse');
    this.space();
    if (this.i !== this.xml.length) throw new NotPlain();
    return result;
  }

  /** The answer's value; a top-level array is read in turns. */
  private async paramValue(): Promise<XmlRpcValue> {
    const start = this.i;
    this.space();
    if (this.tryOpen('value')) {
      this.space();
      if (this.tryOpen('array')) {
        this.space();
        if (this.tryOpen('data')) {
          const out: XmlRpcValue[] = [];
          for (let n = 1; ; n++) {
            this.space();
            if (this.tryClose('data')) break;
            out.push(this.value());
            if (n % ITEMS_PER_TURN === 0) await new Promise<void>((done) => setImmediate(done));
          }
          this.close('array');
          this.close('value');
          return out;
        }
      }
    }
    this.i = start;
    return this.value();
  }

  private value(): XmlRpcValue {
    this.space();
    if (this.tryEmpty('value')) return '';
    this.expect(TAGS.value.open);
    const text = this.text();
    if (this.tryClose('value')) return text;
    // Text beside a typed element (mixed content) is left to xml2js.
    if (!isBlank(text)) throw new NotPlain();
    const value = this.typed();
    this.close('value');
    return value;
  }

  private typed(): XmlRpcValue {
    for (const tag of SCALARS) {
      const { open, empty } = TAGS[tag];
      if (this.at(open)) {
        this.i += open.length;
        return scalar(tag, this.scalarText(tag));
      }
      if (this.at(empty)) {
        this.i += empty.length;
        return scalar(tag, '');
      }
    }
    if (this.tryOpen('array')) return this.array();
    if (this.tryEmpty('array')) return [];
    if (this.tryOpen('struct')) return this.struct();
    if (this.tryEmpty('struct')) return {};
    throw new NotPlain();
  }

  private scalarText(tag: string): string {
    const text = this.text();
    if (!this.tryClose(tag)) throw new NotPlain();
    return text;
  }

  private array(): XmlRpcValue[] {
    this.space();
    const out: XmlRpcValue[] = [];
    if (this.tryEmpty('data')) {
      this.close('array');
      return out;
    }
    this.open('data');
    for (;;) {
      this.space();
      if (this.tryClose('data')) break;
      out.push(this.value());
    }
    this.close('array');
    return out;
  }

  private struct(): Record<string, XmlRpcValue> {
    const out: Record<string, XmlRpcValue> = {};
    for (;;) {
      this.space();
      if (this.tryClose('struct')) return out;
      this.open('member');
      this.open('name');
      const name = this.text();
      this.close('name');
      out[name] = this.value();
      this.close('member');
    }
  }

  /** Text up to the next tag, references decoded. */
  private text(): string {
    const xml = this.xml;
    const start = this.i;
    const end = xml.indexOf('<', start);
    if (end < 0) throw new NotPlain();
    this.i = end;
    const raw = xml.slice(start, end);
    return raw.includes('&') ? decodeReferences(raw) : ownCopy(raw);
  }

  private space(): void {
    while (this.i < this.xml.length && isSpace(this.xml.charCodeAt(this.i))) this.i++;
  }

  /** Whether `literal` is next (a char loop: startsWith at an offset is slower on long strings). */
  private at(literal: string): boolean {
    const xml = this.xml;
    const from = this.i;
    if (from + literal.length > xml.length) return false;
    for (let k = 0; k < literal.length; k++)
      if (xml.charCodeAt(from + k) !== literal.charCodeAt(k)) return false;
    return true;
  }

  private expect(literal: string): void {
    if (!this.at(literal)) throw new NotPlain();
    this.i += literal.length;
  }

  private open(tag: string): void {
    this.space();
    this.expect(TAGS[tag].open);
  }

  private close(tag: string): void {
    this.space();
    this.expect(TAGS[tag].close);
  }

  private peekOpen(tag: string): boolean {
    this.space();
    return this.at(TAGS[tag].open);
  }

  private tryClose(tag: string): boolean {
    const literal = TAGS[tag].close;
    if (!this.at(literal)) return false;
    this.i += literal.length;
    return true;
  }

  private tryOpen(tag: string): boolean {
    const literal = TAGS[tag].open;
    if (!this.at(literal)) return false;
    this.i += literal.length;
    return true;
  }

  private tryEmpty(tag: string): boolean {
    const literal = TAGS[tag].empty;
    if (!this.at(literal)) return false;
    this.i += literal.length;
    return true;
  }
}

function scalar(tag: string, raw: string): XmlRpcValue {
  switch (tag) {
    case 'string':
      return raw;
    case 'boolean':
      return raw.trim() === '1';
    case 'base64':
      return Buffer.from(raw.replace(/\s+/g, ''), 'base64');
    default: {
      // i4, i8, int, double
      const n = Number(raw.trim());
      if (!Number.isFinite(n)) throw new NotPlain();
      return n;
    }
  }
}

/**
 * A slice of a long string keeps the whole string alive (V8 shares the characters): a torrent's name
 * kept from a listing would keep the listing's ~3.5 MB. Slicing a fresh concatenation copies the
 * characters into a string of their own.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function decodeReferences(raw: string): string {
  return raw.replace(/&([^;&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new NotPlain();
    if (name.startsWith('#x')) return codePoint(parseInt(name.slice(2), 16), name.slice(2), /^[0-9a-fA-F]+$/);
    if (name.startsWith('#')) return codePoint(parseInt(name.slice(1), 10), name.slice(1), /^[0-9]+$/);
    const known = ENTITIES[name];
    if (known === undefined) throw new NotPlain();
    return known;
  });
}

function codePoint(n: number, digits: string, form: RegExp): string {
  if (!form.test(digits) || n <= 0 || n > 0x10ffff) throw new NotPlain();
  return String.fromCodePoint(n);
}
