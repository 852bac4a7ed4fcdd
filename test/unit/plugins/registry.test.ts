import { describe, expect, it } from 'vitest';
import { ConnectError, SinkConnector } from '../../../shared/api';
import { defaultRegistry, PluginRegistry, prunedName, simpleName } from '../../../shared/plugins';
import {
  CastValue,
  FileStreamSinkConnector,
  FileStreamSourceConnector,
  Filter,
  fakeRegistry,
  JsonConverter,
  OtherFileStreamSinkConnector,
  RegexRouter,
  SimpleHeaderConverter,
  StringConverter,
  TopicNameMatches,
} from './fake-plugins';

const SINK_DESC =
  "PluginDesc{klass=class org.apache.kafka.connect.file.FileStreamSinkConnector, name='org.apache.kafka.connect.file.FileStreamSinkConnector', version='3.9.0', encodedVersion=3.9.0, type=sink, typeName='sink', location='classpath'}";
const SOURCE_DESC =
  "PluginDesc{klass=class org.apache.kafka.connect.file.FileStreamSourceConnector, name='org.apache.kafka.connect.file.FileStreamSourceConnector', version='3.9.0', encodedVersion=3.9.0, type=source, typeName='source', location='classpath'}";
const SILENT_DESC =
  "PluginDesc{klass=class org.example.SilentSourceConnector, name='org.example.SilentSourceConnector', version='3.9.0', encodedVersion=3.9.0, type=source, typeName='source', location='classpath'}";

describe('plugin names', () => {
  it('takes the simple name after the package and any enclosing class, as Java does', () => {
    // Act / Assess
    expect(simpleName('org.apache.kafka.connect.transforms.Cast$Value')).toBe('Value');
    expect(simpleName('org.apache.kafka.connect.json.JsonConverter')).toBe('JsonConverter');
    expect(simpleName('NoPackage')).toBe('NoPackage');
  });

  it('prunes the suffix of the plugin kind, at its last occurrence', () => {
    // Act / Assess
    expect(prunedName('org.apache.kafka.connect.file.FileStreamSinkConnector', 'sink')).toBe('FileStreamSink');
    expect(prunedName('org.apache.kafka.connect.json.JsonConverter', 'converter')).toBe('Json');
    expect(prunedName('org.apache.kafka.connect.storage.SimpleHeaderConverter', 'header_converter')).toBe('Simple');
    expect(prunedName('org.apache.kafka.connect.storage.StringConverter', 'header_converter')).toBe('StringConverter');
    expect(prunedName('org.example.Connector', 'source')).toBe('Connector');
  });
});

describe('PluginRegistry aliases', () => {
  it('resolves a class by full name, simple name and pruned name', () => {
    // Prepare
    const registry = fakeRegistry();

    // Act / Assess
    expect(registry.loadClass('org.apache.kafka.connect.json.JsonConverter')).toBe(JsonConverter);
    expect(registry.loadClass('JsonConverter')).toBe(JsonConverter);
    expect(registry.loadClass('Json')).toBe(JsonConverter);
    expect(registry.loadClass('StringConverter')).toBe(StringConverter);
    expect(registry.loadClass('RegexRouter')).toBe(RegexRouter);
    expect(registry.loadClass('Filter')).toBe(Filter);
    expect(registry.loadClass('TopicNameMatches')).toBe(TopicNameMatches);
    expect(registry.loadClass('FileStreamSink')).toBe(FileStreamSinkConnector);
    expect(registry.loadClass('Simple')).toBe(SimpleHeaderConverter);
  });

  it('drops aliases two classes share, so Cast$Value needs its full name', () => {
    // Prepare
    const registry = fakeRegistry();

    // Act / Assess
    expect(registry.loadClass('Value')).toBeNull();
    expect(registry.loadClass('Cast$Value')).toBeNull();
    expect(registry.loadClass('org.apache.kafka.connect.transforms.Cast$Value')).toBe(CastValue);
    expect(registry.aliases().has('Value')).toBe(false);
    expect(registry.aliases().get('FileStreamSource')).toBe(FileStreamSourceConnector.className);
  });

  it('returns null for a name it does not know', () => {
    // Act / Assess
    expect(fakeRegistry().loadClass('org.example.Nope')).toBeNull();
  });
});

describe('PluginRegistry connectors', () => {
  it('finds a connector by full name, alias, or simple name with or without the Connector suffix', () => {
    // Prepare
    const registry = fakeRegistry();

    // Act / Assess
    for (const name of [
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'FileStreamSinkConnector',
      'FileStreamSink',
    ]) {
      expect(registry.connectorClass(name)).toBe(FileStreamSinkConnector);
    }
    expect(registry.newConnector('FileStreamSource')).toBeInstanceOf(FileStreamSourceConnector);
  });

  it('names the available connectors when nothing matches, in Kafka words', () => {
    // Prepare
    const registry = fakeRegistry();

    // Act / Assess
    expect(() => registry.connectorClass('NoSuchConnector')).toThrow(
      new ConnectError(
        `Failed to find any class that implements Connector and which name matches NoSuchConnector, available connectors are: ${SINK_DESC}, ${SOURCE_DESC}, ${SILENT_DESC}`,
      ),
    );
  });

  it('does not take a non-connector plugin as a connector', () => {
    // Act / Assess
    expect(() => fakeRegistry().connectorClass('JsonConverter')).toThrow(
      'Failed to find any class that implements Connector and which name matches JsonConverter',
    );
  });

  it('asks for the full name when a simple name matches two connectors', () => {
    // Prepare
    const registry = new PluginRegistry({ connectors: [FileStreamSinkConnector, OtherFileStreamSinkConnector] });
    const other =
      "PluginDesc{klass=class org.example.FileStreamSinkConnector, name='org.example.FileStreamSinkConnector', version='3.9.0', encodedVersion=3.9.0, type=sink, typeName='sink', location='classpath'}";

    // Act / Assess
    expect(() => registry.connectorClass('FileStreamSink')).toThrow(
      `More than one connector matches alias FileStreamSink. Please use full package and class name instead. Classes found: ${SINK_DESC}, ${other}`,
    );
    expect(registry.connectorClass('org.example.FileStreamSinkConnector')).toBe(OtherFileStreamSinkConnector);
  });

  it('refuses a connector that is neither a sink nor a source', () => {
    // Prepare
    class Odd {
      static readonly className = 'org.example.Odd';
    }

    // Act / Assess
    expect(() => new PluginRegistry({ connectors: [Odd as never] })).toThrow(ConnectError);
  });

  it('turns a throwing constructor into an instantiation error', () => {
    // Prepare
    class Broken extends FileStreamSinkConnector {
      static override readonly className: string = 'org.example.BrokenConnector';
      constructor() {
        super();
        throw new Error('boom');
      }
    }
    const registry = new PluginRegistry({ connectors: [Broken] });

    // Act / Assess
    expect(() => registry.newConnector('Broken')).toThrow('Instantiation error');
    expect(registry.connectorPlugins()).toEqual([{ class: 'org.example.BrokenConnector', type: 'sink' }]);
  });
});

describe('PluginRegistry other kinds', () => {
  it('creates converters, header converters, transformations and predicates by alias', () => {
    // Prepare
    const registry = fakeRegistry();

    // Act / Assess
    expect(registry.newConverter('JsonConverter')).toBeInstanceOf(JsonConverter);
    expect(registry.newHeaderConverter('StringConverter')).toBeInstanceOf(StringConverter);
    expect(registry.newTransformation('RegexRouter')).toBeInstanceOf(RegexRouter);
    expect(registry.newPredicate('TopicNameMatches')).toBeInstanceOf(TopicNameMatches);
    expect(registry.transformation('org.apache.kafka.connect.transforms.Cast$Value')).toBe(CastValue);
  });

  it('names the available converters when a converter is unknown', () => {
    // Prepare
    const registry = new PluginRegistry({ converters: [StringConverter] });

    // Act / Assess
    expect(() => registry.newConverter('AvroConverter')).toThrow(
      "Failed to find any class that implements Converter and which name matches AvroConverter, available converters are: PluginDesc{klass=class org.apache.kafka.connect.storage.StringConverter, name='org.apache.kafka.connect.storage.StringConverter', version='undefined', encodedVersion=undefined, type=converter, typeName='converter', location='classpath'}",
    );
    expect(() => registry.newHeaderConverter('JsonConverter')).toThrow(
      'Failed to find any class that implements HeaderConverter and which name matches JsonConverter, available header converters are: ',
    );
  });

  it('does not take a predicate as a transformation', () => {
    // Act / Assess
    expect(() => fakeRegistry().newTransformation('TopicNameMatches')).toThrow(
      'Failed to find any class that implements interface org.apache.kafka.connect.transforms.Transformation and which name matches TopicNameMatches',
    );
    expect(() => fakeRegistry().predicate('Filter')).toThrow(
      'Failed to find any class that implements interface org.apache.kafka.connect.transforms.predicates.Predicate and which name matches Filter',
    );
  });

  it('knows every kind a class is registered as', () => {
    // Act / Assess
    expect(fakeRegistry().typesOf(StringConverter)).toEqual(['converter', 'header_converter']);
  });
});

describe('PluginRegistry listing', () => {
  it('lists only connectors by default, sinks first, each kind sorted by class name', () => {
    // Act
    const plugins = fakeRegistry().connectorPlugins();

    // Assess
    expect(plugins).toEqual([
      { class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink', version: '3.9.0' },
      { class: 'org.apache.kafka.connect.file.FileStreamSourceConnector', type: 'source', version: '3.9.0' },
      { class: 'org.example.SilentSourceConnector', type: 'source', version: '3.9.0' },
    ]);
  });

  it('lists every plugin in Kafka kind order, leaving out undefined versions', () => {
    // Act
    const plugins = fakeRegistry().connectorPlugins(false);

    // Assess
    expect(plugins.slice(3)).toEqual([
      { class: 'org.apache.kafka.connect.transforms.Cast$Key', type: 'transformation' },
      { class: 'org.apache.kafka.connect.transforms.Cast$Value', type: 'transformation' },
      { class: 'org.apache.kafka.connect.transforms.Filter', type: 'transformation', version: '3.9.0' },
      { class: 'org.apache.kafka.connect.transforms.HoistField$Value', type: 'transformation' },
      { class: 'org.apache.kafka.connect.transforms.RegexRouter', type: 'transformation', version: '3.9.0' },
      { class: 'org.example.MaskedKeysTransformation', type: 'transformation' },
      { class: 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone', type: 'predicate' },
      { class: 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches', type: 'predicate', version: '3.9.0' },
      { class: 'org.apache.kafka.connect.json.JsonConverter', type: 'converter', version: '3.9.0' },
      { class: 'org.apache.kafka.connect.storage.StringConverter', type: 'converter' },
      { class: 'org.apache.kafka.connect.storage.SimpleHeaderConverter', type: 'header_converter' },
      { class: 'org.apache.kafka.connect.storage.StringConverter', type: 'header_converter' },
    ]);
  });

  it('reports a version() that returns null as "null"', () => {
    // Prepare
    class NullVersion extends FileStreamSinkConnector {
      static override readonly className: string = 'org.example.NullVersionConnector';
      override version(): string {
        return null as never;
      }
    }

    // Act / Assess
    expect(new PluginRegistry({ connectors: [NullVersion] }).connectorPlugins()).toEqual([
      { class: 'org.example.NullVersionConnector', type: 'sink', version: 'null' },
    ]);
  });
});

describe('defaultRegistry', () => {
  it('serves the built-in transformations and predicates by their aliases', () => {
    // Prepare
    const registry = defaultRegistry();

    // Act / Assess
    expect(registry.loadClass('RegexRouter')?.className).toBe('org.apache.kafka.connect.transforms.RegexRouter');
    expect(registry.loadClass('Filter')?.className).toBe('org.apache.kafka.connect.transforms.Filter');
    expect(registry.loadClass('TopicNameMatches')?.className).toBe(
      'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
    );
    expect(registry.loadClass('Value')).toBeNull();
    expect(registry.loadClass('org.apache.kafka.connect.transforms.Cast$Value')?.className).toBe(
      'org.apache.kafka.connect.transforms.Cast$Value',
    );
  });

  it('serves the FileStream connectors and the converters', () => {
    // Prepare
    const registry = defaultRegistry();

    // Act / Assess
    expect(registry.connectorClass('FileStreamSink').className).toBe(
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
    );
    expect(registry.connectorClass('FileStreamSourceConnector').className).toBe(
      'org.apache.kafka.connect.file.FileStreamSourceConnector',
    );
    expect(registry.newConverter('JsonConverter').constructor).toBe(registry.loadClass('Json'));
    expect(registry.newHeaderConverter('SimpleHeaderConverter')).toBeDefined();
  });

  it('adds extra plugins to the built-in ones, where a shared simple name needs the full name', () => {
    // Act
    const registry = defaultRegistry({ connectors: [OtherFileStreamSinkConnector] });

    // Assess
    expect(registry.connectorClass('org.example.FileStreamSinkConnector').prototype).toBeInstanceOf(SinkConnector);
    expect(() => registry.connectorClass('FileStreamSink')).toThrow(
      /^More than one connector matches alias FileStreamSink\./,
    );
  });
});
