import {
  type AbstractConfig,
  CaseInsensitiveValidString,
  type ConfigDef,
  ConfigError,
  ConfigType,
  type Field,
  Importance,
  type Schema,
  type Struct,
} from '../../api';
import { requireMapOrNull, requireStructOrNull, type ValueMap } from './requirements';

/**
 * How field paths are read (KIP-821, Kafka's FieldSyntaxVersion): V1 takes the path as one
 * top-level field name; V2 splits it on dots, with backtick pairs around names that hold dots.
 */
export const FieldSyntaxVersion = { V1: 'V1', V2: 'V2' } as const;
export type FieldSyntaxVersion = (typeof FieldSyntaxVersion)[keyof typeof FieldSyntaxVersion];

export const FIELD_SYNTAX_VERSION_CONFIG = 'field.syntax.version';
export const FIELD_SYNTAX_VERSION_DOC =
  'Defines the version of the syntax to access fields. ' +
  'If set to `V1`, then the field paths are limited to access the elements at the root level of the struct or map. ' +
  'If set to `V2`, the syntax will support accessing nested elements. ' +
  'To access nested elements, dotted notation is used. ' +
  'If dots are already included in the field name, ' +
  'then backtick pairs can be used to wrap field names containing dots. ' +
  'E.g. to access the subfield `baz` from a field named "foo.bar" in a struct/map ' +
  'the following format can be used to access its elements: "`foo.bar`.baz".';

/** Adds `field.syntax.version` to a transform's ConfigDef (Kafka's FieldSyntaxVersion.appendConfigTo). */
export function appendFieldSyntaxVersionConfig(configDef: ConfigDef): ConfigDef {
  return configDef.define(
    FIELD_SYNTAX_VERSION_CONFIG,
    ConfigType.STRING,
    FieldSyntaxVersion.V1,
    CaseInsensitiveValidString.in(FieldSyntaxVersion.V1, FieldSyntaxVersion.V2),
    Importance.HIGH,
    FIELD_SYNTAX_VERSION_DOC,
  );
}

export function fieldSyntaxVersionFromConfig(config: AbstractConfig): FieldSyntaxVersion {
  const text = config.getString(FIELD_SYNTAX_VERSION_CONFIG) ?? '';
  const version = text.toUpperCase();
  if (version !== FieldSyntaxVersion.V1 && version !== FieldSyntaxVersion.V2) {
    throw ConfigError.invalidValue(FIELD_SYNTAX_VERSION_CONFIG, text, 'Unrecognized field syntax version');
  }
  return version;
}

const BACKTICK = '`';
const DOT = '.';
const BACKSLASH = '\\';

/**
 * A path of one or more field names into a Struct or a schemaless Map (Kafka's SingleFieldPath).
 * A step that is missing, or a null on the way, gives null rather than an error.
 */
export class SingleFieldPath {
  readonly steps: readonly string[];

  constructor(
    pathText: string,
    readonly version: FieldSyntaxVersion,
  ) {
    this.steps = version === FieldSyntaxVersion.V1 ? [pathText] : parseV2(pathText);
  }

  /** The field at this path in a STRUCT schema, or null when a step is missing. */
  fieldFrom(schema: Schema | null): Field | null {
    if (!schema) return null;
    let current = schema;
    const last = this.steps.length - 1;
    for (let i = 0; i < last; i++) {
      const field = current.field(this.steps[i] as string);
      if (!field) return null;
      current = field.schema;
    }
    return current.field(this.lastStep());
  }

  /** The value at this path in a Struct, with or without field defaults. */
  valueFromStruct(struct: Struct | null, withDefault = true): unknown {
    if (!struct) return null;
    let current: Struct | null = struct;
    const last = this.steps.length - 1;
    for (let i = 0; i < last; i++) {
      const step = this.steps[i] as string;
      if (!current.schema.field(step)) return null;
      current = requireStructOrNull(current.get(step), 'nested field access');
      if (!current) return null;
    }
    const lastStep = this.lastStep();
    if (!current.schema.field(lastStep)) return null;
    return withDefault ? current.get(lastStep) : current.getWithoutDefault(lastStep);
  }

  /** The value at this path in a schemaless Map. */
  valueFromMap(map: ValueMap | null): unknown {
    if (!map) return null;
    let current: ValueMap | null = map;
    const last = this.steps.length - 1;
    for (let i = 0; i < last; i++) {
      current = requireMapOrNull(current.get(this.steps[i]), 'nested field access');
      if (!current) return null;
    }
    return current.get(this.lastStep()) ?? null;
  }

  toString(): string {
    return `SingleFieldPath{version=${this.version}, path=${this.steps.join('.')}}`;
  }

  private lastStep(): string {
    const step = this.steps[this.steps.length - 1];
    // Kafka indexes steps.get(-1) here and fails with an IndexOutOfBoundsException.
    if (step === undefined) throw new RangeError('Index -1 out of bounds for length 0');
    return step;
  }
}

/** Splits a V2 path: dots separate steps; `a.b` in backticks is one step; \` escapes a backtick. */
function parseV2(path: string): string[] {
  const steps: string[] = [];
  let idx = 0;
  while (idx < path.length && idx >= 0) {
    if (path[idx] !== BACKTICK) {
      const start = idx;
      idx = path.indexOf(DOT, idx);
      if (idx >= 0) {
        steps.push(path.slice(start, idx));
        idx++;
      } else {
        steps.push(path.slice(start));
      }
      continue;
    }
    const backtickAt = idx;
    idx++;
    let field = '';
    let start = idx;
    for (;;) {
      idx = path.indexOf(BACKTICK, idx);
      if (idx === -1) failIncompleteBacktickPair(path, backtickAt);
      const escaped = path[idx - 1] === BACKSLASH;
      if (idx >= path.length - 1) {
        if (escaped) failIncompleteBacktickPair(path, backtickAt);
        field += path.slice(start, idx);
        steps.push(field);
        idx++;
        break;
      }
      if (path[idx + 1] !== DOT) {
        // Not followed by a dot: part of the name; look for a closing backtick that is.
        idx++;
        continue;
      }
      if (escaped) {
        field += `${path.slice(start, idx - 1)}${BACKTICK}`;
        idx++;
        start = idx;
        continue;
      }
      field += path.slice(start, idx);
      steps.push(field);
      idx += 2;
      break;
    }
  }
  if (path.length > 0 && path[path.length - 1] === DOT) steps.push('');
  return steps;
}

function failIncompleteBacktickPair(path: string, backtickAt: number): never {
  throw new ConfigError(
    `Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${backtickAt} to escape it`,
  );
}
