import { describe, expect, it } from 'vitest';
import {
  AbstractConfig,
  ConfigDef,
  ConfigError,
  ConfigType,
  DataError,
  Importance,
  type PluginClass,
  type Predicate,
  Range,
  SchemaBuilder,
  Schemas,
  SinkRecord,
  Struct,
  type Transformation,
} from '../../../shared/api';
import {
  TransformationChain,
  type TransformationResolver,
  type TransformationStage,
  TransformationStageError,
  transformationChainFrom,
} from '../../../shared/runtime';
import { PREDICATE_CLASSES, TRANSFORMATION_CLASSES } from '../../../shared/transforms';

/** Kafka's ConnectorConfigTest.SimpleTransformation: sets the partition to `magic.number` (at least 42). */
class SimpleTransformation implements Transformation<SinkRecord> {
  static readonly className: string = 'test.SimpleTransformation';
  static readonly CONFIG_DEF = new ConfigDef().define(
    'magic.number',
    ConfigType.INT,
    undefined,
    Range.atLeast(42),
    Importance.HIGH,
    '',
  );
  magicNumber = 0;
  closed = 0;

  configure(props: Readonly<Record<string, unknown>>): void {
    this.magicNumber = new AbstractConfig(SimpleTransformation.CONFIG_DEF, props).getInt('magic.number') ?? 0;
  }

  apply(record: SinkRecord): SinkRecord {
    return record.newRecord(record.topic, this.magicNumber, null, null, null, null, record.timestamp);
  }

  config(): ConfigDef {
    return SimpleTransformation.CONFIG_DEF;
  }

  close(): void {
    this.closed++;
  }
}

/** Kafka's ConnectorConfigTest.TestPredicate: true when the partition equals `int` (at least 80). */
class TestPredicate implements Predicate<SinkRecord> {
  static readonly className = 'test.TestPredicate';
  static readonly CONFIG_DEF = new ConfigDef().define(
    'int',
    ConfigType.INT,
    80,
    Range.atLeast(80),
    Importance.MEDIUM,
    '',
  );
  param = 0;

  configure(props: Readonly<Record<string, unknown>>): void {
    this.param = new AbstractConfig(TestPredicate.CONFIG_DEF, props).getInt('int') ?? 0;
  }

  test(record: SinkRecord): boolean {
    return record.kafkaPartition === this.param;
  }

  config(): ConfigDef {
    return TestPredicate.CONFIG_DEF;
  }

  close(): void {}
}

/** A resolver over the built-in classes and the test ones, by class name or by simple name. */
const RESOLVER: TransformationResolver = {
  transformation: (name) => find([...TRANSFORMATION_CLASSES, SimpleTransformation], name),
  predicate: (name) => find([...PREDICATE_CLASSES, TestPredicate], name),
};

function find<T>(classes: readonly PluginClass<T>[], name: string): PluginClass<T> {
  const found = classes.find((c) => c.className === name || c.className.endsWith(`.${name}`));
  if (!found) throw new Error(`no plugin ${name}`);
  return found;
}

function record(init: Partial<ConstructorParameters<typeof SinkRecord>[0]> = {}): SinkRecord {
  return new SinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0, ...init });
}

/** A stage of a fake transform that records the order it ran in. */
function recordingStage(
  alias: string,
  log: string[],
  result: (r: SinkRecord) => SinkRecord | null = (r) => r,
  predicate: Predicate<SinkRecord> | null = null,
  negate = false,
): TransformationStage<SinkRecord> {
  const transformation: Transformation<SinkRecord> = {
    configure: () => {},
    apply: (r) => {
      log.push(alias);
      return result(r);
    },
    config: () => new ConfigDef(),
    close: () => {
      log.push(`close ${alias}`);
    },
  };
  return {
    alias,
    transformation,
    className: `test.${alias}`,
    predicate,
    predicateAlias: predicate ? 'p' : null,
    negate,
  };
}

function predicateOf(test: (r: SinkRecord) => boolean): Predicate<SinkRecord> {
  return { configure: () => {}, test, config: () => new ConfigDef(), close: () => {} };
}

describe('TransformationChain', () => {
  it('returns the very record when it has no stages', () => {
    // Prepare
    const chain = new TransformationChain<SinkRecord>([]);
    const original = record();
    // Act
    const result = chain.apply(original);
    // Assess
    expect(result).toBe(original);
    expect(chain.isEmpty()).toBe(true);
  });

  it('applies the stages in order, each to the result of the one before', () => {
    // Prepare
    const log: string[] = [];
    const chain = new TransformationChain([
      recordingStage('a', log, (r) => r.newRecord(`${r.topic}-a`, 0, null, null, null, null, null)),
      recordingStage('b', log, (r) => r.newRecord(`${r.topic}-b`, 0, null, null, null, null, null)),
    ]);
    // Act
    const result = chain.apply(record());
    // Assess
    expect(log).toEqual(['a', 'b']);
    expect(result?.topic).toBe('test-a-b');
  });

  it('drops the record and stops at a stage returning null', () => {
    // Prepare
    const log: string[] = [];
    const chain = new TransformationChain([recordingStage('drop', log, () => null), recordingStage('after', log)]);
    // Act
    const result = chain.apply(record());
    // Assess
    expect(result).toBeNull();
    expect(log).toEqual(['drop']);
  });

  it.each([
    [false, 0, false],
    [false, 1, true],
    [true, 0, true],
    [true, 1, false],
  ])('with negate=%s applies the stage to partition %s: %s', (negate, partition, applied) => {
    // Prepare
    const log: string[] = [];
    const isPartitionOne = predicateOf((r) => r.kafkaPartition === 1);
    const chain = new TransformationChain([recordingStage('t', log, (r) => r, isPartitionOne, negate)]);
    // Act
    chain.apply(record({ kafkaPartition: partition }));
    // Assess
    expect(log).toEqual(applied ? ['t'] : []);
  });

  it('reports a failing transform with its alias, class, position, input and cause', () => {
    // Prepare
    const cause = new DataError('bad record');
    const log: string[] = [];
    const chain = new TransformationChain([
      recordingStage('first', log, (r) => r.newRecord('moved', 0, null, null, null, null, null)),
      recordingStage('second', log, () => {
        throw cause;
      }),
    ]);
    // Act
    let error: unknown;
    try {
      chain.apply(record());
    } catch (err) {
      error = err;
    }
    // Assess
    expect(error).toBeInstanceOf(TransformationStageError);
    const stageError = error as TransformationStageError;
    expect(stageError.alias).toBe('second');
    expect(stageError.className).toBe('test.second');
    expect(stageError.stageIndex).toBe(1);
    expect(stageError.stage).toBe('TRANSFORMATION');
    expect((stageError.record as SinkRecord).topic).toBe('moved');
    expect(stageError.cause).toBe(cause);
    expect(stageError.message).toBe("Transformation 'second' (test.second) failed: bad record");
  });

  it('reports a failing predicate as a failure of its stage', () => {
    // Prepare
    const chain = new TransformationChain([
      recordingStage(
        'gated',
        [],
        (r) => r,
        predicateOf(() => {
          throw new Error('predicate broke');
        }),
      ),
    ]);
    // Act
    const act = () => chain.apply(record());
    // Assess
    expect(act).toThrow(TransformationStageError);
    expect(act).toThrow("Transformation 'gated' (test.gated) failed: predicate broke");
  });

  it('resumes at a stage with applyFrom, as a retry of a failed stage does', () => {
    // Prepare
    const log: string[] = [];
    const chain = new TransformationChain([
      recordingStage('a', log),
      recordingStage('b', log),
      recordingStage('c', log),
    ]);
    // Act
    chain.applyFrom(record(), 1);
    // Assess
    expect(log).toEqual(['b', 'c']);
  });

  it('closes every transform and predicate, even when one fails to close', () => {
    // Prepare
    const log: string[] = [];
    const failing = recordingStage('failing', log);
    const closing = {
      ...failing,
      transformation: {
        ...failing.transformation,
        close: () => {
          throw new Error('close failed');
        },
      },
    };
    const chain = new TransformationChain([closing, recordingStage('b', log)]);
    // Act
    chain.close();
    // Assess
    expect(log).toEqual(['close b']);
  });

  it("prints as Kafka's TransformationChain", () => {
    // Assess
    expect(String(new TransformationChain([recordingStage('a', []), recordingStage('b', [])]))).toBe(
      'org.apache.kafka.connect.runtime.TransformationChain{test.a, test.b}',
    );
  });
});

describe('transformationChainFrom', () => {
  const base = { name: 'test', 'connector.class': 'FileStreamSink' };

  it('builds an empty chain without transforms', () => {
    // Act
    const chain = transformationChainFrom(base, RESOLVER);
    // Assess
    expect(chain.isEmpty()).toBe(true);
  });

  it('configures a transform from its prefixed keys', () => {
    // Act
    const chain = transformationChainFrom<SinkRecord>(
      {
        ...base,
        transforms: 'a',
        'transforms.a.type': SimpleTransformation.className,
        'transforms.a.magic.number': '42',
      },
      RESOLVER,
    );
    // Assess
    expect(chain.stages).toHaveLength(1);
    expect(chain.stages[0]?.className).toBe('test.SimpleTransformation');
    expect(chain.stages[0]?.alias).toBe('a');
    expect(chain.apply(record())?.kafkaPartition).toBe(42);
  });

  it('builds stages in the order of transforms', () => {
    // Act
    const chain = transformationChainFrom<SinkRecord>(
      {
        ...base,
        transforms: 'a, b',
        'transforms.a.type': SimpleTransformation.className,
        'transforms.a.magic.number': '42',
        'transforms.b.type': SimpleTransformation.className,
        'transforms.b.magic.number': '84',
      },
      RESOLVER,
    );
    // Assess
    expect(chain.stages.map((s) => s.alias)).toEqual(['a', 'b']);
    expect(chain.stages[0]?.transformation.apply(record())?.kafkaPartition).toBe(42);
    expect(chain.stages[1]?.transformation.apply(record())?.kafkaPartition).toBe(84);
  });

  it.each([
    ['true', true],
    [undefined, false],
  ])('gates a transform with its predicate, negate=%s', (negate, expectedNegate) => {
    // Prepare
    const config: Record<string, string> = {
      ...base,
      transforms: 'a',
      'transforms.a.type': SimpleTransformation.className,
      'transforms.a.magic.number': '42',
      'transforms.a.predicate': 'my-pred',
      predicates: 'my-pred',
      'predicates.my-pred.type': TestPredicate.className,
      'predicates.my-pred.int': '84',
    };
    if (negate) config['transforms.a.negate'] = negate;
    // Act
    const chain = transformationChainFrom<SinkRecord>(config, RESOLVER);
    // Assess
    const stage = chain.stages[0];
    expect(stage?.negate).toBe(expectedNegate);
    expect(stage?.predicateAlias).toBe('my-pred');
    expect(chain.apply(record({ kafkaPartition: 0 }))?.kafkaPartition).toBe(expectedNegate ? 42 : 0);
    expect(chain.apply(record({ kafkaPartition: 84 }))?.kafkaPartition).toBe(expectedNegate ? 84 : 42);
  });

  it('passes transform keys without predicate and negate, and with type, as Kafka does', () => {
    // Prepare
    let seen: Readonly<Record<string, unknown>> = {};
    class Spy extends SimpleTransformation {
      static override readonly className = 'test.Spy';
      override configure(props: Readonly<Record<string, unknown>>): void {
        seen = props;
        super.configure(props);
      }
    }
    const resolver = { ...RESOLVER, transformation: () => Spy };
    // Act
    transformationChainFrom(
      {
        ...base,
        transforms: 'a',
        'transforms.a.type': 'test.Spy',
        'transforms.a.magic.number': '42',
        'transforms.a.predicate': 'p',
        'transforms.a.negate': 'false',
        predicates: 'p',
        'predicates.p.type': TestPredicate.className,
      },
      resolver,
    );
    // Assess
    expect(seen).toEqual({ type: 'test.Spy', 'magic.number': '42' });
  });

  it('builds a chain of built-in transforms and predicates by class name and alias', () => {
    // Prepare
    const config = {
      ...base,
      transforms: 'dropTombstones,hoist,insertTopic',
      'transforms.dropTombstones.type': 'org.apache.kafka.connect.transforms.Filter',
      'transforms.dropTombstones.predicate': 'isTombstone',
      'transforms.hoist.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
      'transforms.hoist.field': 'line',
      'transforms.insertTopic.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
      'transforms.insertTopic.topic.field': 'topic',
      predicates: 'isTombstone',
      'predicates.isTombstone.type': 'RecordIsTombstone',
    };
    // Act
    const chain = transformationChainFrom<SinkRecord>(config, RESOLVER);
    const tombstone = chain.apply(record({ valueSchema: Schemas.OPTIONAL_STRING, value: null }));
    const line = chain.apply(record({ topic: 'lines', valueSchema: Schemas.STRING, value: 'hello' }));
    // Assess
    expect(tombstone).toBeNull();
    const value = line?.value as Struct;
    expect(value.get('line')).toBe('hello');
    expect(value.get('topic')).toBe('lines');
    expect(chain.stages.map((s) => s.className)).toEqual([
      'org.apache.kafka.connect.transforms.Filter',
      'org.apache.kafka.connect.transforms.HoistField$Value',
      'org.apache.kafka.connect.transforms.InsertField$Value',
    ]);
  });

  describe("Kafka's config errors", () => {
    it('rejects negate without predicate', () => {
      // Act
      const act = () =>
        transformationChainFrom(
          {
            ...base,
            transforms: 'a',
            'transforms.a.type': SimpleTransformation.className,
            'transforms.a.magic.number': '42',
            'transforms.a.negate': 'true',
          },
          RESOLVER,
        );
      // Assess
      expect(act).toThrow(ConfigError);
      expect(act).toThrow(
        "Config 'transforms.a.negate' was provided but there is no config 'transforms.a.predicate' defining a predicate to be negated.",
      );
    });

    it('rejects a predicate alias that predicates does not list', () => {
      // Act
      const act = () =>
        transformationChainFrom(
          {
            ...base,
            transforms: 'a',
            'transforms.a.type': SimpleTransformation.className,
            'transforms.a.magic.number': '42',
            'transforms.a.predicate': 'my-pred',
            'predicates.my-pred.type': TestPredicate.className,
          },
          RESOLVER,
        );
      // Assess
      expect(act).toThrow(new ConfigError("Unknown configuration 'predicates.my-pred.type'"));
    });

    it('rejects a listed predicate without a type', () => {
      // Act
      const act = () =>
        transformationChainFrom(
          {
            ...base,
            transforms: 'a',
            'transforms.a.type': SimpleTransformation.className,
            'transforms.a.magic.number': '42',
            'transforms.a.predicate': 'my-pred',
            predicates: 'my-pred',
          },
          RESOLVER,
        );
      // Assess
      expect(act).toThrow('Invalid value null for configuration predicates.my-pred.type: Not a Predicate');
    });

    it('rejects a transform alias without a type', () => {
      // Act
      const act = () => transformationChainFrom({ ...base, transforms: 'dangler' }, RESOLVER);
      // Assess
      expect(act).toThrow('Invalid value null for configuration transforms.dangler.type: Not a Transformation');
    });

    it('rejects a type that names no class', () => {
      // Act
      const act = () =>
        transformationChainFrom({ ...base, transforms: 'a', 'transforms.a.type': 'uninstantiable' }, RESOLVER);
      // Assess
      expect(act).toThrow(
        'Invalid value uninstantiable for configuration transforms.a.type: Class uninstantiable could not be found.',
      );
    });

    it('names missing and invalid transform keys with their prefix', () => {
      // Prepare
      const config = { ...base, transforms: 'a', 'transforms.a.type': SimpleTransformation.className };
      // Act
      const missing = () => transformationChainFrom(config, RESOLVER);
      const invalid = () => transformationChainFrom({ ...config, 'transforms.a.magic.number': '40' }, RESOLVER);
      // Assess
      expect(missing).toThrow('Missing required configuration "transforms.a.magic.number" which has no default value.');
      expect(invalid).toThrow('Value must be at least 42');
    });

    it('names invalid predicate keys', () => {
      // Act
      const act = () =>
        transformationChainFrom(
          {
            ...base,
            transforms: 'a',
            'transforms.a.type': SimpleTransformation.className,
            'transforms.a.magic.number': '42',
            'transforms.a.predicate': 'my-pred',
            'transforms.a.negate': 'true',
            predicates: 'my-pred',
            'predicates.my-pred.type': TestPredicate.className,
            'predicates.my-pred.int': '79',
          },
          RESOLVER,
        );
      // Assess
      expect(act).toThrow('Value must be at least 80');
    });

    it('rejects duplicate aliases', () => {
      // Act
      const act = () => transformationChainFrom({ ...base, transforms: 'a,a' }, RESOLVER);
      // Assess
      expect(act).toThrow('Invalid value [a, a] for configuration transforms: Duplicate alias provided.');
    });

    it('rejects a negate that is not a boolean', () => {
      // Act
      const act = () =>
        transformationChainFrom(
          {
            ...base,
            transforms: 'a',
            'transforms.a.type': SimpleTransformation.className,
            'transforms.a.magic.number': '42',
            'transforms.a.predicate': 'p',
            'transforms.a.negate': 'yes',
            predicates: 'p',
            'predicates.p.type': TestPredicate.className,
          },
          RESOLVER,
        );
      // Assess
      expect(act).toThrow(
        'Invalid value yes for configuration transforms.a.negate: Expected value to be either true or false',
      );
    });

    it('closes the stages it built when a later one fails', () => {
      // Prepare
      const built: SimpleTransformation[] = [];
      class Tracked extends SimpleTransformation {
        constructor() {
          super();
          built.push(this);
        }
      }
      const resolver = {
        ...RESOLVER,
        transformation: (name: string) => (name === 'ok' ? Tracked : find<Transformation<SinkRecord>>([], name)),
      };
      // Act
      const act = () =>
        transformationChainFrom(
          {
            ...base,
            transforms: 'a,b',
            'transforms.a.type': 'ok',
            'transforms.a.magic.number': '42',
            'transforms.b.type': 'nope',
          },
          resolver,
        );
      // Assess
      expect(act).toThrow('Class nope could not be found.');
      expect(built.map((t) => t.closed)).toEqual([1]);
    });
  });

  it('runs a schemaless and a schema record through the same chain', () => {
    // Prepare
    const chain = transformationChainFrom<SinkRecord>(
      {
        ...base,
        transforms: 'cast',
        'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
        'transforms.cast.spec': 'id:string',
      },
      RESOLVER,
    );
    const schema = SchemaBuilder.struct().field('id', Schemas.INT64).build();
    // Act
    const withSchema = chain.apply(record({ valueSchema: schema, value: new Struct(schema).put('id', 7) }));
    const schemaless = chain.apply(record({ value: new Map([['id', 7]]) }));
    // Assess
    expect((withSchema!.value as Struct).get('id')).toBe('7');
    expect((schemaless!.value as Map<string, unknown>).get('id')).toBe('7');
  });
});
