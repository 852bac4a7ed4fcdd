import { BrokerError, ProtocolError } from '../errors';
import { type Reader, Writer } from './primitives';
import { type FieldSpec, inRange, type MessageSpec, parseVersions } from './schema';

/**
 * One generic codec for every Kafka message, driven by the field tables of ./messages.ts.
 *
 * A message spec is compiled once per version into a tree of small read/write closures, with the
 * version questions (is the field present, nullable, tagged; is the version flexible) answered at
 * compile time. Classic versions use int16/int32 lengths; flexible versions use compact (unsigned
 * varint, length + 1) strings, bytes and arrays and end every struct with a tagged-field section
 * (KIP-482). Decoding fills the fields a version lacks with their defaults, so handlers see one shape
 * for every version; encoding writes a missing field as its default.
 */

type Struct = Record<string, unknown>;

interface Codec {
  read(reader: Reader): unknown;
  write(writer: Writer, value: unknown): void;
  /** A fresh default value (never shared: arrays and structs are mutable). */
  fallback(): unknown;
}

interface FieldCodec extends Codec {
  readonly name: string;
}

interface TaggedFieldCodec extends FieldCodec {
  readonly tag: number;
  isDefault(value: unknown): boolean;
}

const ZERO_UUID = Buffer.alloc(16).toString('base64url');
const EMPTY = Buffer.alloc(0);

function fixed(read: (r: Reader) => unknown, write: (w: Writer, v: never) => void, zero: unknown): Codec {
  return { read, write: write as Codec['write'], fallback: () => zero };
}

const FIXED_SIZE: Record<string, Codec> = {
  bool: fixed(
    (r) => r.bool(),
    (w, v: boolean) => w.bool(v),
    false,
  ),
  int8: fixed(
    (r) => r.int8(),
    (w, v: number) => w.int8(v),
    0,
  ),
  int16: fixed(
    (r) => r.int16(),
    (w, v: number) => w.int16(v),
    0,
  ),
  uint16: fixed(
    (r) => r.uint16(),
    (w, v: number) => w.uint16(v),
    0,
  ),
  int32: fixed(
    (r) => r.int32(),
    (w, v: number) => w.int32(v),
    0,
  ),
  int64: fixed(
    (r) => r.int64(),
    (w, v: bigint | number) => w.int64(v),
    0n,
  ),
  float64: fixed(
    (r) => r.float64(),
    (w, v: number) => w.float64(v),
    0,
  ),
  uuid: fixed(
    (r) => r.uuid(),
    (w, v: string) => w.uuid(v),
    ZERO_UUID,
  ),
};

/** Reads a length: compact (uvarint of length + 1, 0 for null) or classic; -1 means null. */
function readLength(reader: Reader, compact: boolean, classic: (r: Reader) => number): number {
  return compact ? reader.uvarint() - 1 : classic(reader);
}

function writeLength(writer: Writer, length: number, compact: boolean, classic: (w: Writer, n: number) => void) {
  if (compact) writer.uvarint(length + 1);
  else classic(writer, length);
}

const int16Length = (r: Reader) => r.int16();
const int32Length = (r: Reader) => r.int32();
const writeInt16Length = (w: Writer, n: number) => w.int16(n);
const writeInt32Length = (w: Writer, n: number) => w.int32(n);

function nullCheck(length: number, nullable: boolean, what: string): void {
  if (length < -1 || (length === -1 && !nullable)) {
    throw new ProtocolError(`Invalid ${what} length ${length}${length === -1 ? ' for a non-nullable field' : ''}`);
  }
}

function stringCodec(nullable: boolean, compact: boolean, zero: unknown): Codec {
  return {
    read(reader) {
      const length = readLength(reader, compact, int16Length);
      nullCheck(length, nullable, 'string');
      return length === -1 ? null : reader.string(length);
    },
    write(writer, value) {
      if (value === null || value === undefined) {
        writeLength(writer, -1, compact, writeInt16Length);
        return;
      }
      const bytes = Buffer.from(value as string, 'utf8');
      writeLength(writer, bytes.length, compact, writeInt16Length);
      writer.bytes(bytes);
    },
    fallback: () => zero,
  };
}

function bytesCodec(nullable: boolean, compact: boolean, zero: unknown): Codec {
  return {
    read(reader) {
      const length = readLength(reader, compact, int32Length);
      nullCheck(length, nullable, 'bytes');
      return length === -1 ? null : reader.bytes(length);
    },
    write(writer, value) {
      if (value === null || value === undefined) {
        writeLength(writer, -1, compact, writeInt32Length);
        return;
      }
      // Record data may be several buffers written back to back (see Records in ./schema.ts).
      if (Array.isArray(value)) {
        const chunks = value as Buffer[];
        writeLength(
          writer,
          chunks.reduce((sum, c) => sum + c.length, 0),
          compact,
          writeInt32Length,
        );
        for (const chunk of chunks) writer.chunk(chunk);
        return;
      }
      const bytes = value as Buffer;
      writeLength(writer, bytes.length, compact, writeInt32Length);
      writer.bytes(bytes);
    },
    fallback: () => (zero === undefined ? EMPTY : zero),
  };
}

function arrayCodec(element: Codec, nullable: boolean, compact: boolean, zeroIsNull: boolean): Codec {
  return {
    read(reader) {
      const count = readLength(reader, compact, int32Length);
      nullCheck(count, nullable, 'array');
      if (count === -1) return null;
      // Kafka's own guard: every element takes at least a byte, so a count beyond what is left is a lie.
      if (count > reader.remaining) {
        throw new ProtocolError(`Array of ${count} elements but only ${reader.remaining} bytes remain`);
      }
      const items = new Array(count);
      for (let i = 0; i < count; i++) items[i] = element.read(reader);
      return items;
    },
    write(writer, value) {
      if (value === null || value === undefined) {
        if (!nullable) writeLength(writer, 0, compact, writeInt32Length);
        else writeLength(writer, -1, compact, writeInt32Length);
        return;
      }
      const items = value as unknown[];
      writeLength(writer, items.length, compact, writeInt32Length);
      for (const item of items) element.write(writer, item);
    },
    fallback: () => (zeroIsNull ? null : []),
  };
}

function structCodec(fields: readonly FieldSpec[], version: number, flexible: boolean): Codec {
  const present: FieldCodec[] = [];
  const tagged: TaggedFieldCodec[] = [];
  const absent: FieldCodec[] = [];
  for (const spec of fields) {
    const codec = fieldCodec(spec, version, flexible);
    if (!inRange(parseVersions(spec.versions), version)) absent.push(codec);
    else if (flexible && spec.tag !== undefined && inRange(parseVersions(spec.taggedVersions), version)) {
      const fallback = codec.fallback();
      tagged.push({
        ...codec,
        tag: spec.tag,
        isDefault: (value) =>
          value === undefined ||
          value === fallback ||
          (Array.isArray(value) && value.length === 0 && Array.isArray(fallback)),
      });
    } else present.push(codec);
  }
  tagged.sort((a, b) => a.tag - b.tag);
  const byTag = new Map(tagged.map((f) => [f.tag, f]));
  const defaults = [...absent, ...tagged];

  return {
    read(reader) {
      const struct: Struct = {};
      for (const field of present) struct[field.name] = field.read(reader);
      for (const field of defaults) struct[field.name] = field.fallback();
      if (flexible) {
        const count = reader.uvarint();
        for (let i = 0; i < count; i++) {
          const tag = reader.uvarint();
          const value = reader.sub(reader.uvarint());
          // Unknown tags are skipped: that is what makes tagged fields a compatible extension.
          const field = byTag.get(tag);
          if (field) struct[field.name] = field.read(value);
        }
      }
      return struct;
    },
    write(writer, value) {
      const struct = (value ?? {}) as Struct;
      for (const field of present) {
        const item = struct[field.name];
        field.write(writer, item === undefined ? field.fallback() : item);
      }
      if (!flexible) return;
      const set = tagged.filter((field) => !field.isDefault(struct[field.name]));
      writer.uvarint(set.length);
      for (const field of set) {
        const body = new Writer(64);
        field.write(body, struct[field.name]);
        const bytes = body.toBuffer();
        writer.uvarint(field.tag).uvarint(bytes.length).bytes(bytes);
      }
    },
    fallback() {
      const struct: Struct = {};
      for (const field of [...present, ...defaults]) struct[field.name] = field.fallback();
      return struct;
    },
  };
}

function fieldCodec(spec: FieldSpec, version: number, messageFlexible: boolean): FieldCodec {
  const nullable = inRange(parseVersions(spec.nullableVersions), version);
  // Only the request header's ClientId overrides this: it stays a classic string in flexible headers.
  const compact =
    spec.flexibleVersions === undefined ? messageFlexible : inRange(parseVersions(spec.flexibleVersions), version);
  const isArray = spec.type.startsWith('[]');
  const element = isArray ? spec.type.slice(2) : spec.type;
  const zero = spec.default;

  let codec: Codec;
  if (spec.fields) {
    const struct = structCodec(spec.fields, version, messageFlexible);
    codec = isArray ? arrayCodec(struct, nullable, compact, zero === null) : struct;
  } else if (isArray) {
    codec = arrayCodec(scalarCodec(element, false, compact, undefined), nullable, compact, zero === null);
  } else {
    codec = scalarCodec(element, nullable, compact, zero);
  }
  return { name: spec.name, read: codec.read, write: codec.write, fallback: codec.fallback };
}

function scalarCodec(type: string, nullable: boolean, compact: boolean, zero: FieldSpec['default']): Codec {
  if (type === 'string') return stringCodec(nullable, compact, zero === undefined ? '' : zero);
  if (type === 'bytes') return bytesCodec(nullable, compact, zero);
  // Kafka's record data defaults to null (no records), not to an empty buffer.
  if (type === 'records') return bytesCodec(nullable, compact, zero === undefined ? null : zero);
  const codec = FIXED_SIZE[type];
  if (!codec) throw new BrokerError(`No codec for Kafka type ${type}`);
  return zero === undefined ? codec : { ...codec, fallback: () => zero };
}

const compiled = new WeakMap<MessageSpec, Map<number, Codec>>();

/** Whether `version` of a message uses flexible encodings (compact lengths, tagged fields). */
export function isFlexible(spec: MessageSpec, version: number): boolean {
  return inRange(parseVersions(spec.flexibleVersions), version);
}

function codecFor(spec: MessageSpec, version: number): Codec {
  let versions = compiled.get(spec);
  if (!versions) {
    versions = new Map();
    compiled.set(spec, versions);
  }
  let codec = versions.get(version);
  if (!codec) {
    if (!inRange(parseVersions(spec.validVersions), version)) {
      throw new BrokerError(`${spec.name} has no version ${version}`);
    }
    codec = structCodec(spec.fields, version, isFlexible(spec, version));
    versions.set(version, codec);
  }
  return codec;
}

/** Decodes one message of `version`; throws ProtocolError when the bytes do not follow the spec. */
export function decode<T>(spec: MessageSpec, version: number, reader: Reader): T {
  return codecFor(spec, version).read(reader) as T;
}

/** Encodes one message of `version`; fields the value lacks are written as their defaults. */
export function encode<T>(spec: MessageSpec, version: number, value: T, writer: Writer): Writer {
  codecFor(spec, version).write(writer, value);
  return writer;
}
