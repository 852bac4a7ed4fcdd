import { ProtocolError } from '../errors';

/**
 * Reads Kafka's primitive types from a buffer, big-endian, checking every length against what is left:
 * a truncated or lying request becomes a ProtocolError, never an out-of-bounds read or a huge allocation.
 * Byte fields are views into the request buffer (no copy), as Kafka's zero-copy records are.
 */
export class Reader {
  offset: number;
  readonly end: number;

  constructor(
    readonly buffer: Buffer,
    offset = 0,
    end = buffer.length,
  ) {
    this.offset = offset;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private take(size: number): number {
    if (size > this.end - this.offset) {
      throw new ProtocolError(`Needed ${size} bytes at offset ${this.offset} but only ${this.remaining} remain`);
    }
    const at = this.offset;
    this.offset += size;
    return at;
  }

  int8(): number {
    return this.buffer.readInt8(this.take(1));
  }

  int16(): number {
    return this.buffer.readInt16BE(this.take(2));
  }

  uint16(): number {
    return this.buffer.readUInt16BE(this.take(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  uint32(): number {
    return this.buffer.readUInt32BE(this.take(4));
  }

  int64(): bigint {
    return this.buffer.readBigInt64BE(this.take(8));
  }

  float64(): number {
    return this.buffer.readDoubleBE(this.take(8));
  }

  /** Kafka reads any non-zero byte as true. */
  bool(): boolean {
    return this.int8() !== 0;
  }

  /** An unsigned LEB128 varint of at most 32 bits (lengths and tags of flexible versions). */
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.buffer[this.take(1)]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (value > 0xffffffff) throw new ProtocolError('Unsigned varint does not fit 32 bits');
        return value;
      }
    }
    throw new ProtocolError('Unsigned varint is longer than 5 bytes');
  }

  /** A zig-zag varint of at most 32 bits (record fields). */
  varint(): number {
    const raw = this.uvarint();
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  /** A zig-zag varlong of at most 64 bits (record timestamp deltas); returned as a number, exact to 2^53. */
  varlong(): number {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.buffer[this.take(1)]!;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return Number((value >> 1n) ^ -(value & 1n));
    }
    throw new ProtocolError('Varlong is longer than 10 bytes');
  }

  bytes(size: number): Buffer {
    const at = this.take(size);
    return this.buffer.subarray(at, at + size);
  }

  string(size: number): string {
    const at = this.take(size);
    return this.buffer.toString('utf8', at, at + size);
  }

  /** Kafka prints UUIDs as URL-safe base64 without padding; we keep that form as the value. */
  uuid(): string {
    return this.bytes(16).toString('base64url');
  }

  skip(size: number): void {
    this.take(size);
  }

  /** A reader over the next `size` bytes, which this reader skips (a tagged field's value). */
  sub(size: number): Reader {
    const at = this.take(size);
    return new Reader(this.buffer, at, at + size);
  }
}

/**
 * Writes Kafka's primitive types. The output is a list of buffers, so record data read from segment
 * files is sent as it is, without being copied into the response.
 */
export class Writer {
  private buffer: Buffer;
  private offset = 0;
  private start = 0;
  private readonly chunks: Buffer[] = [];
  private written = 0;

  constructor(private readonly blockSize = 1024) {
    this.buffer = Buffer.allocUnsafe(blockSize);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.written + this.offset - this.start;
  }

  /**
   * Reserves `size` bytes and returns where they start. It may switch to a new block, so callers take
   * the position first and only then touch `this.buffer`.
   */
  private room(size: number): number {
    if (this.offset + size > this.buffer.length) {
      this.seal();
      this.buffer = Buffer.allocUnsafe(Math.max(size, this.blockSize));
      this.offset = 0;
      this.start = 0;
    }
    const at = this.offset;
    this.offset += size;
    return at;
  }

  /** Moves the bytes written into the current block to the chunk list. */
  private seal(): void {
    if (this.offset > this.start) {
      const chunk = this.buffer.subarray(this.start, this.offset);
      this.chunks.push(chunk);
      this.written += chunk.length;
      this.start = this.offset;
    }
  }

  int8(value: number): this {
    const at = this.room(1);
    this.buffer.writeInt8(value, at);
    return this;
  }

  int16(value: number): this {
    const at = this.room(2);
    this.buffer.writeInt16BE(value, at);
    return this;
  }

  uint16(value: number): this {
    const at = this.room(2);
    this.buffer.writeUInt16BE(value, at);
    return this;
  }

  int32(value: number): this {
    const at = this.room(4);
    this.buffer.writeInt32BE(value, at);
    return this;
  }

  uint32(value: number): this {
    const at = this.room(4);
    this.buffer.writeUInt32BE(value, at);
    return this;
  }

  int64(value: bigint | number): this {
    const at = this.room(8);
    this.buffer.writeBigInt64BE(BigInt(value), at);
    return this;
  }

  float64(value: number): this {
    const at = this.room(8);
    this.buffer.writeDoubleBE(value, at);
    return this;
  }

  bool(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  uvarint(value: number): this {
    let rest = value;
    while (rest >= 0x80) {
      const at = this.room(1);
      this.buffer[at] = (rest & 0x7f) | 0x80;
      rest = Math.floor(rest / 128);
    }
    const at = this.room(1);
    this.buffer[at] = rest;
    return this;
  }

  varint(value: number): this {
    return this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  varlong(value: number | bigint): this {
    const big = BigInt(value);
    let rest = BigInt.asUintN(64, (big << 1n) ^ (big >> 63n));
    while (rest >= 0x80n) {
      const at = this.room(1);
      this.buffer[at] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    const at = this.room(1);
    this.buffer[at] = Number(rest);
    return this;
  }

  /** Copies small byte arrays; appends large ones by reference. */
  bytes(value: Uint8Array): this {
    if (value.length >= 4096) return this.chunk(Buffer.from(value.buffer, value.byteOffset, value.length));
    const at = this.room(value.length);
    Buffer.from(value.buffer, value.byteOffset, value.length).copy(this.buffer, at);
    return this;
  }

  /** Appends a buffer by reference: it must not change until the output is sent. */
  chunk(value: Buffer): this {
    this.seal();
    this.chunks.push(value);
    this.written += value.length;
    return this;
  }

  uuid(value: string): this {
    const bytes = Buffer.from(value, 'base64url');
    if (bytes.length !== 16) throw new RangeError(`Not a 16-byte UUID: ${value}`);
    return this.bytes(bytes);
  }

  /** The output as a list of buffers, for a socket's vectored write. */
  toChunks(): Buffer[] {
    this.seal();
    return this.chunks;
  }

  toBuffer(): Buffer {
    const chunks = this.toChunks();
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
}

/** How many bytes the unsigned varint of `value` takes. */
export function uvarintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 128)) size++;
  return size;
}
