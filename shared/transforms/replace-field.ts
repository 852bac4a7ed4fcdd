import {
  ConfigDef,
  ConfigError,
  ConfigType,
  type ConnectRecord,
  copySchemaBasics,
  DataError,
  type Field,
  Importance,
  LambdaValidator,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
} from '../api';
import { translateDeprecatedConfigs } from './util/deprecated-configs';
import { javaSplit } from './util/java-lang';
import { fieldValue, KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { requireMap, requireStruct } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { copiesSafely, copyValue, structValues } from './util/struct-values';
import { KAFKA_VERSION } from './util/version';

const EXCLUDE = 'exclude';
const INCLUDE = 'include';
const RENAMES = 'renames';
const REPLACE_NULL_WITH_DEFAULT = 'replace.null.with.default';

/** Splits `old:new` pairs (Kafka's ReplaceField.parseRenameMappings). */
function parseRenameMappings(mappings: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const mapping of mappings) {
    const parts = javaSplit(mapping, ':');
    if (parts.length !== 2) throw ConfigError.invalidValue(RENAMES, mappings, `Invalid rename mapping: ${mapping}`);
    renames.set(parts[0] as string, parts[1] as string);
  }
  return renames;
}

const CONFIG_DEF = new ConfigDef()
  .define(
    EXCLUDE,
    ConfigType.LIST,
    [],
    Importance.MEDIUM,
    'Fields to exclude. This takes precedence over the fields to include.',
  )
  .define('blacklist', ConfigType.LIST, null, Importance.LOW, `Deprecated. Use ${EXCLUDE} instead.`)
  .define(
    INCLUDE,
    ConfigType.LIST,
    [],
    Importance.MEDIUM,
    'Fields to include. If specified, only these fields will be used.',
  )
  .define('whitelist', ConfigType.LIST, null, Importance.LOW, `Deprecated. Use ${INCLUDE} instead.`)
  .define(
    RENAMES,
    ConfigType.LIST,
    [],
    LambdaValidator.with(
      (_name, value) => {
        parseRenameMappings(value as string[]);
      },
      () => 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>',
    ),
    Importance.MEDIUM,
    'Field rename mappings.',
  )
  .define(REPLACE_NULL_WITH_DEFAULT, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

const PURPOSE = 'field replacement';

/** A derived schema with, for each of its fields, the input field it is filled from. */
interface ReplacePlan {
  readonly schema: Schema;
  readonly sources: readonly Field[];
  /** By output field index: whether its value is copied without a check (see copiesSafely). */
  readonly copySafe: readonly boolean[];
}

/**
 * Filters and renames fields (Kafka's ReplaceField): a field is kept when it is not excluded and
 * either no include list is set or it is included; then `renames` applies. The deprecated
 * `blacklist` / `whitelist` keys (3.9 still reads them) stand for `exclude` / `include`.
 */
export abstract class ReplaceField<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Filter or rename fields.' +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.ReplaceField$Key</code>) ' +
    'or value (<code>org.apache.kafka.connect.transforms.ReplaceField$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private exclude = new Set<string>();
  private include = new Set<string>();
  private renames = new Map<string, string>();
  private reverseRenames = new Map<string, string>();
  private replaceNullWithDefault = true;
  private readonly schemaUpdateCache = new SchemaCache<ReplacePlan>();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(
      CONFIG_DEF,
      translateDeprecatedConfigs(configs, [
        [INCLUDE, 'whitelist'],
        [EXCLUDE, 'blacklist'],
      ]),
    );
    this.exclude = new Set(config.getList(EXCLUDE));
    this.include = new Set(config.getList(INCLUDE));
    this.renames = parseRenameMappings(config.getList(RENAMES) ?? []);
    this.reverseRenames = new Map([...this.renames].map(([from, to]) => [to, from]));
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT) ?? true;
    this.schemaUpdateCache.clear();
  }

  private filter(fieldName: string): boolean {
    return !this.exclude.has(fieldName) && (this.include.size === 0 || this.include.has(fieldName));
  }

  private renamed(fieldName: string): string {
    return this.renames.get(fieldName) ?? fieldName;
  }

  private reverseRenamed(fieldName: string): string {
    return this.reverseRenames.get(fieldName) ?? fieldName;
  }

  apply(record: R): R | null {
    const value = this.part.value(record);
    if (value === null) return record;
    const schema = this.part.schema(record);
    return schema === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value, schema);
  }

  private applySchemaless(record: R, operating: unknown): R {
    const value = requireMap(operating, PURPOSE);
    const updated = new Map<unknown, unknown>();
    for (const [name, fieldValue] of value) {
      const fieldName = name as string;
      if (this.filter(fieldName)) updated.set(this.renamed(fieldName), fieldValue);
    }
    return this.part.update(record, null, updated);
  }

  private applyWithSchema(record: R, operating: unknown, schema: Schema): R {
    const value = requireStruct(operating, PURPOSE, schema);
    const {
      schema: updatedSchema,
      sources,
      copySafe,
    } = this.schemaUpdateCache.get(value.schema) ?? this.cachePlan(value.schema);
    const values = structValues(updatedSchema);
    const outFields = updatedSchema.fields();
    for (let i = 0; i < outFields.length; i++) {
      const source = sources[i] as Field;
      copyValue(
        values,
        outFields[i] as Field,
        fieldValue(value, source, this.replaceNullWithDefault),
        copySafe[i] === true,
      );
    }
    return this.part.update(record, updatedSchema, Struct.ofValues(updatedSchema, values));
  }

  private cachePlan(schema: Schema): ReplacePlan {
    const plan = this.makePlan(schema);
    this.schemaUpdateCache.put(schema, plan);
    return plan;
  }

  /** The updated schema, and for each of its fields the input field it comes from (by reverse rename). */
  private makePlan(schema: Schema): ReplacePlan {
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) {
      if (this.filter(field.name)) builder.field(this.renamed(field.name), field.schema);
    }
    const updatedSchema = builder.build();
    const sources = updatedSchema.fields().map((field) => {
      const source = schema.field(this.reverseRenamed(field.name));
      if (!source) throw new DataError(`${this.reverseRenamed(field.name)} is not a valid field name`);
      return source;
    });
    const outFields = updatedSchema.fields();
    const copySafe = sources.map((source, i) => copiesSafely(source.schema, outFields[i] as Field));
    return { schema: updatedSchema, sources, copySafe };
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {
    this.schemaUpdateCache.clear();
  }
}

/** ReplaceField on the record key. */
export class ReplaceFieldKey<R extends ConnectRecord<R>> extends ReplaceField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.ReplaceField$Key';
  constructor() {
    super(KEY);
  }
}

/** ReplaceField on the record value. */
export class ReplaceFieldValue<R extends ConnectRecord<R>> extends ReplaceField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.ReplaceField$Value';
  constructor() {
    super(VALUE);
  }
}
