import {
  ConfigDef,
  ConfigType,
  type Converter,
  ExactlyOnceSupport,
  type HeaderConverter,
  Importance,
  NO_DEFAULT_VALUE,
  NonEmptyString,
  type PluginClass,
  type Predicate,
  SchemaAndValue,
  SinkConnector,
  type SinkRecord,
  SourceConnector,
  type Task,
  type Transformation,
  ValidString,
} from '../../../shared/api';
import { PluginRegistry } from '../../../shared/plugins';

/**
 * Small fake plugins for registry, config and validation tests, named as Kafka's are. The
 * FileStream fakes declare Kafka's FileStream ConfigDefs (connect/file).
 */

class NoTask implements Task {
  static readonly className: string = 'org.example.NoTask';
  version(): string {
    return '1.0';
  }
  start(): void {}
  stop(): void {}
}

export class FileStreamSourceConnector extends SourceConnector {
  static readonly className: string = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
  version(): string {
    return '3.9.0';
  }
  start(): void {}
  taskClass(): PluginClass<Task> {
    return NoTask;
  }
  taskConfigs(): Record<string, string>[] {
    return [];
  }
  stop(): void {}
  config(): ConfigDef {
    return new ConfigDef()
      .define(
        'file',
        ConfigType.STRING,
        null,
        Importance.HIGH,
        'Source filename. If not specified, the standard input will be used',
      )
      .define(
        'topic',
        ConfigType.STRING,
        NO_DEFAULT_VALUE,
        new NonEmptyString(),
        Importance.HIGH,
        'The topic to publish data to',
      )
      .define(
        'batch.size',
        ConfigType.INT,
        2000,
        Importance.LOW,
        'The maximum number of records the source task can read from the file each time it is polled',
      );
  }
  override exactlyOnceSupport(config: Readonly<Record<string, string>>): ExactlyOnceSupport | null {
    return config.file ? ExactlyOnceSupport.SUPPORTED : ExactlyOnceSupport.UNSUPPORTED;
  }
}

export class FileStreamSinkConnector extends SinkConnector {
  static readonly className: string = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
  version(): string {
    return '3.9.0';
  }
  start(): void {}
  taskClass(): PluginClass<Task> {
    return NoTask;
  }
  taskConfigs(): Record<string, string>[] {
    return [];
  }
  stop(): void {}
  config(): ConfigDef {
    return new ConfigDef().define(
      'file',
      ConfigType.STRING,
      null,
      Importance.HIGH,
      'Destination filename. If not specified, the standard output will be used',
    );
  }
}

/** A source connector that has not said whether it supports exactly-once (the API default). */
export class SilentSourceConnector extends FileStreamSourceConnector {
  static override readonly className: string = 'org.example.SilentSourceConnector';
  override exactlyOnceSupport(): null {
    return null;
  }
}

/** A second connector named "FileStreamSinkConnector" in another package, to make the alias ambiguous. */
export class OtherFileStreamSinkConnector extends FileStreamSinkConnector {
  static override readonly className: string = 'org.example.FileStreamSinkConnector';
}

abstract class FakeConverterBase implements Converter {
  configure(): void {}
  fromConnectData(): Uint8Array | null {
    return null;
  }
  toConnectData(): SchemaAndValue {
    return SchemaAndValue.NULL;
  }
  config(): ConfigDef {
    return new ConfigDef();
  }
}

/** Declares JsonConverter's converter.type and schemas.enable, enough to show converter validation. */
export class JsonConverter extends FakeConverterBase {
  static readonly className: string = 'org.apache.kafka.connect.json.JsonConverter';
  version(): string {
    return '3.9.0';
  }
  override config(): ConfigDef {
    return new ConfigDef()
      .define({
        name: 'converter.type',
        type: ConfigType.STRING,
        validator: ValidString.in('key', 'value', 'header'),
        importance: Importance.LOW,
        documentation: 'How this converter will be used.',
      })
      .define({
        name: 'schemas.enable',
        type: ConfigType.BOOLEAN,
        defaultValue: true,
        importance: Importance.HIGH,
        documentation: 'Include schemas within each of the serialized values and keys.',
        group: 'Schemas',
        orderInGroup: 0,
        displayName: 'Enable Schemas',
      });
  }
}

/** Both a converter and a header converter (as Kafka's StringConverter), here without a version. */
export class StringConverter extends FakeConverterBase implements HeaderConverter {
  static readonly className: string = 'org.apache.kafka.connect.storage.StringConverter';
  toConnectHeader(): SchemaAndValue {
    return SchemaAndValue.NULL;
  }
  fromConnectHeader(): Uint8Array | null {
    return null;
  }
}

export class SimpleHeaderConverter extends StringConverter {
  static override readonly className: string = 'org.apache.kafka.connect.storage.SimpleHeaderConverter';
}

abstract class FakeTransformationBase implements Transformation<SinkRecord> {
  configure(): void {}
  apply(record: SinkRecord): SinkRecord | null {
    return record;
  }
  config(): ConfigDef {
    return new ConfigDef();
  }
  close(): void {}
}

/** Kafka's RegexRouter keys: regex and replacement, both required. */
export class RegexRouter extends FakeTransformationBase {
  static readonly className: string = 'org.apache.kafka.connect.transforms.RegexRouter';
  version(): string {
    return '3.9.0';
  }
  override config(): ConfigDef {
    return new ConfigDef()
      .define('regex', ConfigType.STRING, NO_DEFAULT_VALUE, Importance.HIGH, 'Regular expression to use for matching.')
      .define('replacement', ConfigType.STRING, NO_DEFAULT_VALUE, Importance.HIGH, 'Replacement string.');
  }
}

export class Filter extends FakeTransformationBase {
  static readonly className: string = 'org.apache.kafka.connect.transforms.Filter';
  version(): string {
    return '3.9.0';
  }
}

/** Cast$Key and Cast$Value: simple names "Key" and "Value", shared with other $Key/$Value classes. */
export class CastKey extends FakeTransformationBase {
  static readonly className: string = 'org.apache.kafka.connect.transforms.Cast$Key';
  override config(): ConfigDef {
    return new ConfigDef().define(
      'spec',
      ConfigType.LIST,
      NO_DEFAULT_VALUE,
      Importance.HIGH,
      'List of fields and the type to cast them to',
    );
  }
}
export class CastValue extends CastKey {
  static override readonly className: string = 'org.apache.kafka.connect.transforms.Cast$Value';
}
export class HoistFieldValue extends FakeTransformationBase {
  static readonly className: string = 'org.apache.kafka.connect.transforms.HoistField$Value';
}

/** A transformation whose own keys collide with the implicit predicate/negate keys. */
export class MaskedKeysTransformation extends FakeTransformationBase {
  static readonly className: string = 'org.example.MaskedKeysTransformation';
  override config(): ConfigDef {
    return new ConfigDef()
      .define('predicate', ConfigType.INT, 1, Importance.LOW, 'masked')
      .define('own', ConfigType.STRING, 'x', Importance.LOW, 'own key');
  }
}

abstract class FakePredicateBase implements Predicate<SinkRecord> {
  configure(): void {}
  test(): boolean {
    return true;
  }
  config(): ConfigDef {
    return new ConfigDef();
  }
  close(): void {}
}

export class TopicNameMatches extends FakePredicateBase {
  static readonly className: string = 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches';
  version(): string {
    return '3.9.0';
  }
  override config(): ConfigDef {
    return new ConfigDef().define(
      'pattern',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      new NonEmptyString(),
      Importance.MEDIUM,
      "A Java regular expression for matching against the name of a record's topic.",
    );
  }
}

export class RecordIsTombstone extends FakePredicateBase {
  static readonly className: string = 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone';
}

/** A registry of the fakes above. */
export function fakeRegistry(): PluginRegistry {
  return new PluginRegistry({
    connectors: [FileStreamSinkConnector, FileStreamSourceConnector, SilentSourceConnector],
    converters: [JsonConverter, StringConverter],
    headerConverters: [StringConverter, SimpleHeaderConverter],
    transformations: [RegexRouter, Filter, CastKey, CastValue, HoistFieldValue, MaskedKeysTransformation],
    predicates: [TopicNameMatches, RecordIsTombstone],
  });
}
