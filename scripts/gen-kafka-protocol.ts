/**
 * Writes local/broker/protocol/messages.ts, the dev broker's field tables, from Apache Kafka's
 * message definitions (the JSON files of clients/src/main/resources/common/message/).
 *
 *   npx tsx scripts/gen-kafka-protocol.ts [definitions-dir]
 *
 * The definitions live beside the repository (../shared/kafka-protocol) and are not shipped, so the
 * broker never reads them at run time: the generated file is committed and is our own table. It holds,
 * per message, the field specs the generic codec interprets (Kafka's own notation for versions kept as
 * is, so a table row reads like the JSON it came from) and a TypeScript interface per message:
 * requests as the codec decodes them (every field present, absent ones at their default) and
 * responses as handlers write them (a field is optional when it has a default or is not in every version).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = resolve(process.argv[2] ?? join(ROOT, '../shared/kafka-protocol'));
const TARGET = join(ROOT, 'local/broker/protocol/messages.ts');

interface JsonField {
  name: string;
  type: string;
  versions: string;
  about?: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number;
  flexibleVersions?: string;
  default?: string | number | boolean;
  fields?: JsonField[];
}

interface JsonMessage {
  apiKey?: number;
  type: 'request' | 'response' | 'header' | 'data';
  name: string;
  validVersions: string;
  flexibleVersions: string;
  latestVersionUnstable?: boolean;
  fields: JsonField[];
  commonStructs?: Array<{ name: string; versions: string; fields: JsonField[] }>;
}

const PRIMITIVES = new Set([
  'bool',
  'int8',
  'int16',
  'uint16',
  'int32',
  'int64',
  'float64',
  'string',
  'bytes',
  'records',
  'uuid',
]);

/** Kafka's JSON files carry `//` comment lines (the version history); JSON.parse does not accept them. */
function readDefinition(file: string): JsonMessage {
  const text = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
  return JSON.parse(text) as JsonMessage;
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const elementType = (type: string) => (type.startsWith('[]') ? type.slice(2) : type);

/** Common structs are referenced by name only; inline them so every struct field carries its fields. */
function resolveStructs(fields: JsonField[], common: Map<string, JsonField[]>): JsonField[] {
  return fields.map((field) => {
    const element = elementType(field.type);
    const nested = field.fields ?? (PRIMITIVES.has(element) ? undefined : common.get(element));
    if (!PRIMITIVES.has(element) && !nested) throw new Error(`Unknown type ${field.type} of ${field.name}`);
    return nested ? { ...field, fields: resolveStructs(nested, common) } : field;
  });
}

function parseDefault(field: JsonField): string | undefined {
  if (field.default === undefined) return undefined;
  const value = String(field.default);
  switch (field.type) {
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'float64':
      return String(Number(value));
    case 'int64':
      return `${BigInt(value)}n`;
    case 'bool':
      return value === 'true' ? 'true' : 'false';
    case 'string':
    case 'bytes':
      return value === 'null' && field.nullableVersions ? 'null' : `'${value}'`;
    default:
      throw new Error(`No default of type ${field.type} (${field.name})`);
  }
}

function fieldSpec(field: JsonField, indent: string): string {
  const parts = [`name: '${camel(field.name)}'`, `type: '${field.type}'`, `versions: '${field.versions}'`];
  if (field.nullableVersions) parts.push(`nullableVersions: '${field.nullableVersions}'`);
  if (field.taggedVersions) parts.push(`taggedVersions: '${field.taggedVersions}'`, `tag: ${field.tag}`);
  if (field.flexibleVersions) parts.push(`flexibleVersions: '${field.flexibleVersions}'`);
  const fallback = parseDefault(field);
  if (fallback !== undefined) parts.push(`default: ${fallback}`);
  if (!field.fields) return `${indent}{ ${parts.join(', ')} },`;
  const nested = field.fields.map((f) => fieldSpec(f, `${indent}    `)).join('\n');
  return `${indent}{\n${indent}  ${parts.join(', ')},\n${indent}  fields: [\n${nested}\n${indent}  ],\n${indent}},`;
}

/** The lowest version a field exists in: `3+` and `3-12` give 3, `none` gives Infinity. */
const firstVersion = (range: string) => (range === 'none' ? Number.POSITIVE_INFINITY : Number.parseInt(range, 10));

type Mode = 'decoded' | 'encoded';

function tsType(field: JsonField, mode: Mode, lowestVersion: number, indent: string): string {
  const element = elementType(field.type);
  let base: string;
  if (field.fields) base = structType(field.fields, mode, lowestVersion, indent);
  else if (element === 'int64') base = mode === 'decoded' ? 'bigint' : 'Int64';
  else if (element === 'bool') base = 'boolean';
  else if (element === 'string' || element === 'uuid') base = 'string';
  else if (element === 'bytes') base = 'Buffer';
  else if (element === 'records') base = mode === 'decoded' ? 'Buffer' : 'Records';
  else base = 'number';
  const type = field.type.startsWith('[]') ? `Array<${base}>` : base;
  return field.nullableVersions && !(element === 'records' && mode === 'encoded') ? `${type} | null` : type;
}

function structType(fields: JsonField[], mode: Mode, lowestVersion: number, indent: string): string {
  const lines = fields.map((field) => {
    const doc = field.about ? `${indent}  /** ${field.about.replaceAll('*/', '* /')} */\n` : '';
    // Throttle times are optional too: the dev broker never throttles, and the codec writes 0.
    const optional =
      mode === 'encoded' &&
      (field.default !== undefined ||
        firstVersion(field.versions) > lowestVersion ||
        field.taggedVersions !== undefined ||
        field.name === 'ThrottleTimeMs');
    return `${doc}${indent}  ${camel(field.name)}${optional ? '?' : ''}: ${tsType(field, mode, lowestVersion, `${indent}  `)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function generate(): string {
  const files = readdirSync(SOURCE)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const messages = files.map((f) => readDefinition(join(SOURCE, f)));
  const out: string[] = [
    '/**',
    " * Kafka's request and response messages as field tables for the generic codec (./codec.ts), and their",
    " * TypeScript shapes. Generated by scripts/gen-kafka-protocol.ts from Apache Kafka's message definitions",
    ' * (Apache License 2.0); do not edit by hand, change the generator and run it again.',
    ' */',
    "import type { Int64, MessageSpec, Records } from './schema';",
    '',
  ];
  const apis = new Map<number, { name: string; request?: string; response?: string }>();
  for (const message of messages) {
    const common = new Map((message.commonStructs ?? []).map((s) => [s.name, s.fields]));
    const fields = resolveStructs(message.fields, common);
    const lowestVersion = Number.parseInt(message.validVersions, 10);
    const header = [
      `name: '${message.name}'`,
      ...(message.apiKey === undefined ? [] : [`apiKey: ${message.apiKey}`]),
      `validVersions: '${message.validVersions}'`,
      `flexibleVersions: '${message.flexibleVersions}'`,
    ];
    out.push(`export const ${message.name}Spec: MessageSpec = {`);
    out.push(`  ${header.join(',\n  ')},`);
    out.push('  fields: [');
    out.push(...fields.map((f) => fieldSpec(f, '    ')));
    out.push('  ],');
    out.push('};');
    out.push('');
    const mode: Mode = message.type === 'response' ? 'encoded' : 'decoded';
    out.push(`export interface ${message.name} ${structType(fields, mode, lowestVersion, '')}`);
    out.push('');
    if (message.apiKey !== undefined && (message.type === 'request' || message.type === 'response')) {
      const api = apis.get(message.apiKey) ?? { name: message.name.replace(/(Request|Response)$/, '') };
      api[message.type] = message.name;
      apis.set(message.apiKey, api);
    }
  }
  const keys = [...apis.entries()].sort(([a], [b]) => a - b);
  out.push("/** Kafka's API keys, by the API's name. */");
  out.push('export const ApiKey = {');
  out.push(...keys.map(([key, api]) => `  ${api.name}: ${key},`));
  out.push('} as const;');
  out.push('export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey];');
  out.push('');
  out.push('/** Each API key with its request and response: the specs the codec reads, the types handlers see. */');
  out.push('export const API_MESSAGES = {');
  out.push(...keys.map(([key, api]) => `  ${key}: { request: ${api.request}Spec, response: ${api.response}Spec },`));
  out.push('} as const;');
  out.push('');
  out.push('export interface ApiMessages {');
  out.push(...keys.map(([key, api]) => `  ${key}: { request: ${api.request}; response: ${api.response} };`));
  out.push('}');
  out.push('');
  return out.join('\n');
}

writeFileSync(TARGET, generate());
// Format with the project's Biome so the committed file is byte for byte what the generator makes.
execFileSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', TARGET], { stdio: 'inherit' });
console.log(`wrote ${TARGET}`);
