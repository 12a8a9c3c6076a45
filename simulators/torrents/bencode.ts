/** Bencoding, the serialisation of .torrent files (BEP 3). Byte strings stay Buffers. */
export type BValue = number | Buffer | BValue[] | BDict;
export interface BDict {
  [key: string]: BValue;
}
/** What the encoder accepts: JS strings are written as UTF-8 byte strings. */
export type BInput = number | string | Buffer | BInput[] | { [key: string]: BInput };

export function bencode(value: BInput): Buffer {
  const parts: Buffer[] = [];
  write(value, parts);
  return Buffer.concat(parts);
}

function write(value: BInput, out: Buffer[]): void {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`bencode: ${value} is not an integer`);
    out.push(Buffer.from(`i${value}e`));
  } else if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    out.push(Buffer.from(`${bytes.length}:`), bytes);
  } else if (Array.isArray(value)) {
    out.push(Buffer.from('l'));
    for (const item of value) write(item, out);
    out.push(Buffer.from('e'));
  } else {
    out.push(Buffer.from('d'));
    // Keys are sorted as raw byte strings (BEP 3).
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const key of keys) {
      write(key, out);
      write(value[key], out);
    }
    out.push(Buffer.from('e'));
  }
}

export interface Decoded {
  value: BValue;
  /** Byte range of the top-level dictionary's `info` value: its SHA-1 is the info-hash. */
  infoRange?: [number, number];
}

/** Decodes one bencoded value; throws on malformed input or trailing bytes. */
export function bdecode(buf: Buffer): Decoded {
  const decoder = new Decoder(buf);
  const value = decoder.read(0);
  if (decoder.pos !== buf.length) throw new Error('bencode: trailing bytes');
  return { value, infoRange: decoder.infoRange };
}

class Decoder {
  pos = 0;
  infoRange?: [number, number];

  constructor(private readonly buf: Buffer) {}

  read(depth: number): BValue {
    if (depth > 64) throw new Error('bencode: nested too deeply');
    const c = this.buf[this.pos];
    if (c === 0x69 /* i */) return this.int();
    if (c === 0x6c /* l */) {
      this.pos++;
      const list: BValue[] = [];
      while (this.peek() !== 0x65 /* e */) list.push(this.read(depth + 1));
      this.pos++;
      return list;
    }
    if (c === 0x64 /* d */) {
      this.pos++;
      const dict: BDict = {};
      while (this.peek() !== 0x65) {
        const key = this.bytes().toString('latin1');
        const start = this.pos;
        dict[key] = this.read(depth + 1);
        if (depth === 0 && key === 'info') this.infoRange = [start, this.pos];
      }
      this.pos++;
      return dict;
    }
    return this.bytes();
  }

  private peek(): number {
    if (this.pos >= this.buf.length) throw new Error('bencode: unexpected end');
    return this.buf[this.pos];
  }

  private int(): number {
    const end = this.buf.indexOf(0x65, this.pos);
    if (end < 0) throw new Error('bencode: unterminated integer');
    const text = this.buf.toString('latin1', this.pos + 1, end);
    if (!/^-?\d+$/.test(text)) throw new Error('bencode: bad integer');
    this.pos = end + 1;
    return Number(text);
  }

  private bytes(): Buffer {
    const colon = this.buf.indexOf(0x3a, this.pos);
    const text = colon < 0 ? '' : this.buf.toString('latin1', this.pos, colon);
    if (!/^\d+$/.test(text)) throw new Error('bencode: bad string length');
    const start = colon + 1;
    const end = start + Number(text);
    if (end > this.buf.length) throw new Error('bencode: string past the end');
    this.pos = end;
    return this.buf.subarray(start, end);
  }
}
