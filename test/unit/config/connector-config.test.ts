import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigType } from '../../../shared/api';
import {
  ConnectorConfig,
  connectorConfigDef,
  enrich,
  SinkConnectorConfig,
  SourceConnectorConfig,
  sinkConnectorConfigDef,
  sourceConnectorConfigDef,
  TASKS_MAX_CONFIG,
  ToleranceType,
  TRANSFORMS_CONFIG,
} from '../../../shared/config';
import {
  CastValue,
  FileStreamSinkConnector,
  fakeRegistry,
  MaskedKeysTransformation,
  RegexRouter,
  TopicNameMatches,
} from '../plugins/fake-plugins';

// Cases follow Kafka's ConnectorConfigTest and SourceConnectorConfigTest (connect/runtime/src/test).

const base = { name: 'test', 'connector.class': FileStreamSinkConnector.className };

function keyTable(names: string[], def = connectorConfigDef()) {
  return names.map((name) => {
    const key = def.configKeys().get(name);
    return [name, key?.type, key?.group, key?.orderInGroup, key?.width, key?.displayName];
  });
}

describe('ConnectorConfig definition', () => {
  it('declares the common keys with Kafka types, groups, order, widths and display names', () => {
    // Act
    const def = connectorConfigDef();

    // Assess
    expect(keyTable(def.names(), def)).toEqual([
      ['name', 'STRING', 'Common', 1, 'MEDIUM', 'Connector name'],
      ['connector.class', 'STRING', 'Common', 2, 'LONG', 'Connector class'],
      ['tasks.max', 'INT', 'Common', 3, 'SHORT', 'Tasks max'],
      ['tasks.max.enforce', 'BOOLEAN', 'Common', 4, 'SHORT', 'Enforce tasks max'],
      ['key.converter', 'CLASS', 'Common', 5, 'SHORT', 'Key converter class'],
      ['value.converter', 'CLASS', 'Common', 6, 'SHORT', 'Value converter class'],
      ['header.converter', 'CLASS', 'Common', 7, 'SHORT', 'Header converter class'],
      ['transforms', 'LIST', 'Transforms', 8, 'LONG', 'Transforms'],
      ['predicates', 'LIST', 'Predicates', 9, 'LONG', 'Predicates'],
      ['config.action.reload', 'STRING', 'Common', 10, 'MEDIUM', 'Reload Action'],
      ['errors.retry.timeout', 'LONG', 'Error Handling', 1, 'MEDIUM', 'Retry Timeout for Errors'],
      ['errors.retry.delay.max.ms', 'LONG', 'Error Handling', 2, 'MEDIUM', 'Maximum Delay Between Retries for Errors'],
      ['errors.tolerance', 'STRING', 'Error Handling', 3, 'SHORT', 'Error Tolerance'],
      ['errors.log.enable', 'BOOLEAN', 'Error Handling', 4, 'SHORT', 'Log Errors'],
      ['errors.log.include.messages', 'BOOLEAN', 'Error Handling', 5, 'SHORT', 'Log Error Details'],
    ]);
    expect(def.groups()).toEqual(['Common', 'Transforms', 'Predicates', 'Error Handling']);
    expect([...def.defaultValues()]).toEqual([
      ['tasks.max', 1],
      ['tasks.max.enforce', true],
      ['key.converter', null],
      ['value.converter', null],
      ['header.converter', null],
      ['transforms', []],
      ['predicates', []],
      ['config.action.reload', 'restart'],
      ['errors.retry.timeout', 0],
      ['errors.retry.delay.max.ms', 60000],
      ['errors.tolerance', 'none'],
      ['errors.log.enable', false],
      ['errors.log.include.messages', false],
    ]);
  });

  it('adds the sink keys after the common ones', () => {
    // Act
    const def = sinkConnectorConfigDef();

    // Assess
    expect(keyTable(def.names().slice(15), def)).toEqual([
      ['topics', 'LIST', 'Common', 4, 'LONG', 'Topics'],
      ['topics.regex', 'STRING', 'Common', 4, 'LONG', 'Topics regex'],
      ['errors.deadletterqueue.topic.name', 'STRING', 'Error Handling', 6, 'MEDIUM', 'Dead Letter Queue Topic Name'],
      [
        'errors.deadletterqueue.topic.replication.factor',
        'SHORT',
        'Error Handling',
        7,
        'MEDIUM',
        'Dead Letter Queue Topic Replication Factor',
      ],
      [
        'errors.deadletterqueue.context.headers.enable',
        'BOOLEAN',
        'Error Handling',
        8,
        'MEDIUM',
        'Enable Error Context Headers',
      ],
    ]);
    expect(def.configKeys().get('errors.deadletterqueue.topic.replication.factor')?.defaultValue).toBe(3);
  });

  it('adds the source keys after the common ones, with their own groups', () => {
    // Act
    const def = sourceConnectorConfigDef();

    // Assess
    expect(keyTable(def.names().slice(15), def)).toEqual([
      ['topic.creation.groups', 'LIST', 'Topic Creation', 1, 'LONG', 'Topic Creation Groups'],
      ['exactly.once.support', 'STRING', 'Exactly Once Support', 2, 'SHORT', 'Exactly once support'],
      ['transaction.boundary', 'STRING', 'Exactly Once Support', 3, 'SHORT', 'Transaction Boundary'],
      ['transaction.boundary.interval.ms', 'LONG', 'Exactly Once Support', 4, 'SHORT', 'Transaction boundary interval'],
      ['offsets.storage.topic', 'STRING', 'offsets.topic', 1, 'LONG', 'Offsets topic'],
    ]);
    expect(def.groups()).toEqual([
      'Common',
      'Transforms',
      'Predicates',
      'Error Handling',
      'Topic Creation',
      'Exactly Once Support',
      'offsets.topic',
    ]);
  });
});

describe('ConnectorConfig', () => {
  it('reads the framework keys with their defaults', () => {
    // Act
    const config = new ConnectorConfig(fakeRegistry(), base);

    // Assess
    expect(config.tasksMax()).toBe(1);
    expect(config.enforceTasksMax()).toBe(true);
    expect(config.errorRetryTimeout()).toBe(0);
    expect(config.errorMaxDelayInMillis()).toBe(60000);
    expect(config.errorToleranceType()).toBe(ToleranceType.NONE);
    expect(config.enableErrorLog()).toBe(false);
    expect(config.includeRecordDetailsInErrorLog()).toBe(false);
    expect(config.configReloadAction()).toBe('restart');
    expect(config.getList(TRANSFORMS_CONFIG)).toEqual([]);
    expect(config.transformationStageSpecs()).toEqual([]);
  });

  it('loads converter classes by alias', () => {
    // Act
    const config = new ConnectorConfig(fakeRegistry(), { ...base, 'value.converter': 'JsonConverter' });

    // Assess
    expect(config.getClass('value.converter')).toBe('org.apache.kafka.connect.json.JsonConverter');
  });

  it.each([
    [{ name: '' }, 'Invalid value  for configuration name: String may not be empty'],
    [{ [TASKS_MAX_CONFIG]: '0' }, 'Invalid value 0 for configuration tasks.max: Value must be at least 1'],
    [
      { 'errors.tolerance': 'some' },
      'Invalid value some for configuration errors.tolerance: String must be one of: none, all',
    ],
    [
      { 'key.converter': 'RegexRouter' },
      'Class class org.apache.kafka.connect.transforms.RegexRouter does not implement the Converter interface',
    ],
    [{ 'key.converter': 'Nope' }, 'Invalid value Nope for configuration key.converter: Class Nope could not be found.'],
    [
      { transforms: 'a,a', 'transforms.a.type': 'Filter' },
      'Invalid value [a, a] for configuration transforms: Duplicate alias provided.',
    ],
  ])('rejects %j with Kafka text', (override, message) => {
    // Act / Assess
    expect(() => new ConnectorConfig(fakeRegistry(), { ...base, ...override })).toThrow(ConfigError);
    expect(() => new ConnectorConfig(fakeRegistry(), { ...base, ...override })).toThrow(message);
  });

  it('rejects a transform alias without a type (danglingTransformAlias)', () => {
    // Act / Assess
    expect(() => new ConnectorConfig(fakeRegistry(), { ...base, transforms: 'dangler' })).toThrow(
      'Invalid value null for configuration transforms.dangler.type: Not a Transformation',
    );
  });

  it('rejects a transform type that cannot be found (wrongTransformationType)', () => {
    // Act / Assess
    expect(
      () => new ConnectorConfig(fakeRegistry(), { ...base, transforms: 'a', 'transforms.a.type': 'uninstantiable' }),
    ).toThrow(
      'Invalid value uninstantiable for configuration transforms.a.type: Class uninstantiable could not be found.',
    );
  });

  it('rejects a transform whose own keys are missing or invalid (unconfigured and misconfigured transform)', () => {
    // Prepare
    const props = { ...base, transforms: 'a', 'transforms.a.type': 'RegexRouter' };

    // Act / Assess
    expect(() => new ConnectorConfig(fakeRegistry(), props)).toThrow(
      'Missing required configuration "transforms.a.regex" which has no default value.',
    );
  });

  it('rejects a predicate class given as a transform type', () => {
    // Act / Assess
    expect(
      () => new ConnectorConfig(fakeRegistry(), { ...base, transforms: 'a', 'transforms.a.type': 'TopicNameMatches' }),
    ).toThrow(
      'Class class org.apache.kafka.connect.transforms.predicates.TopicNameMatches does not implement the Transformation interface',
    );
  });

  it('rejects a connector given as a predicate type (wrongPredicateType)', () => {
    // Act / Assess
    expect(
      () =>
        new ConnectorConfig(fakeRegistry(), {
          ...base,
          transforms: 'a',
          'transforms.a.type': 'Filter',
          'transforms.a.predicate': 'my-pred',
          predicates: 'my-pred',
          'predicates.my-pred.type': FileStreamSinkConnector.className,
        }),
    ).toThrow(
      new ConfigError(
        'Class class org.apache.kafka.connect.file.FileStreamSinkConnector does not implement the Predicate interface',
      ),
    );
  });

  it('rejects a listed predicate without a type (missingPredicateConfig)', () => {
    // Act / Assess
    expect(
      () =>
        new ConnectorConfig(fakeRegistry(), {
          ...base,
          transforms: 'a',
          'transforms.a.type': 'Filter',
          'transforms.a.predicate': 'my-pred',
          predicates: 'my-pred',
        }),
    ).toThrow('Not a Predicate');
  });

  it('rejects negate without a predicate (negatedButNoPredicate)', () => {
    // Act / Assess
    expect(
      () =>
        new ConnectorConfig(fakeRegistry(), {
          ...base,
          transforms: 'a',
          'transforms.a.type': 'Filter',
          'transforms.a.negate': 'true',
        }),
    ).toThrow(
      new ConfigError(
        "Config 'transforms.a.negate' was provided but there is no config 'transforms.a.predicate' defining a predicate to be negated.",
      ),
    );
  });

  it('builds stage specs with predicates, negate defaulting to false (singleConditionalTransform)', () => {
    // Prepare
    const config = new ConnectorConfig(fakeRegistry(), {
      ...base,
      transforms: 'a,b',
      'transforms.a.type': 'RegexRouter',
      'transforms.a.regex': '(.*)',
      'transforms.a.replacement': 'x-$1',
      'transforms.a.predicate': 'is-foo',
      'transforms.a.negate': 'TRUE',
      'transforms.b.type': CastValue.className,
      'transforms.b.spec': 'int32',
      'transforms.b.predicate': 'is-foo',
      predicates: 'is-foo',
      'predicates.is-foo.type': 'TopicNameMatches',
      'predicates.is-foo.pattern': 'foo',
    });

    // Act
    const specs = config.transformationStageSpecs();

    // Assess
    expect(specs).toEqual([
      {
        alias: 'a',
        transformationClass: RegexRouter,
        config: { type: 'RegexRouter', regex: '(.*)', replacement: 'x-$1' },
        predicate: {
          alias: 'is-foo',
          predicateClass: TopicNameMatches,
          config: { type: 'TopicNameMatches', pattern: 'foo' },
        },
        negate: true,
      },
      {
        alias: 'b',
        transformationClass: CastValue,
        config: { type: CastValue.className, spec: 'int32' },
        predicate: expect.objectContaining({ alias: 'is-foo' }),
        negate: false,
      },
    ]);
    expect(config.get('transforms.a.regex')).toBe('(.*)');
  });

  it('accepts a predicate alias that is not listed, failing only when the stages are built (missingPredicateAliasProperty)', () => {
    // Prepare
    const config = new ConnectorConfig(fakeRegistry(), {
      ...base,
      transforms: 'a',
      'transforms.a.type': 'Filter',
      'transforms.a.predicate': 'my-pred',
      'predicates.my-pred.type': 'TopicNameMatches',
    });

    // Act / Assess
    expect(() => config.transformationStageSpecs()).toThrow("Unknown configuration 'predicates.my-pred.type'");
  });
});

describe('enrich', () => {
  it('adds the type key and the embedded transform keys in Kafka order', () => {
    // Prepare
    const props = { transforms: 'a', 'transforms.a.type': 'RegexRouter' };

    // Act
    const def = enrich(fakeRegistry(), connectorConfigDef(), props, false);

    // Assess
    const added = [...def.configKeys().values()].slice(15);
    expect(added.map((k) => [k.name, k.type, k.group, k.orderInGroup, k.displayName, k.importance])).toEqual([
      ['transforms.a.type', 'CLASS', 'Transforms: a', 0, 'Transformation type for a', 'HIGH'],
      ['transforms.a.regex', 'STRING', 'Transforms: a', 1, 'regex', 'HIGH'],
      ['transforms.a.replacement', 'STRING', 'Transforms: a', 2, 'replacement', 'HIGH'],
      ['transforms.a.negate', 'BOOLEAN', 'Transforms: a', 3, 'negate', 'MEDIUM'],
      ['transforms.a.predicate', 'STRING', 'Transforms: a', 4, 'predicate', 'MEDIUM'],
    ]);
    expect(added[0]?.documentation).toBe("Class for the 'a' transformation.");
    expect(def.groups().at(-1)).toBe('Transforms: a');
  });

  it('masks transform keys named like the implicit keys (testEnrichedConfigDef)', () => {
    // Prepare
    const props = { transforms: 'hdt', 'transforms.hdt.type': MaskedKeysTransformation.className };

    // Act
    const def = enrich(fakeRegistry(), connectorConfigDef(), props, false);

    // Assess
    expect(def.configKeys().get('transforms.hdt.predicate')?.type).toBe(ConfigType.STRING);
    expect(def.configKeys().get('transforms.hdt.negate')?.type).toBe(ConfigType.BOOLEAN);
    expect(def.configKeys().get('transforms.hdt.own')?.type).toBe(ConfigType.STRING);
  });

  it('adds only the type key for a type that cannot be loaded when the config need not be full', () => {
    // Prepare
    const props = { transforms: 'a,b', 'transforms.a.type': 'Nope' };

    // Act
    const def = enrich(fakeRegistry(), connectorConfigDef(), props, false);
    const values = def.validateAll(props, fakeRegistry());

    // Assess
    expect(def.names().slice(15)).toEqual(['transforms.a.type', 'transforms.b.type']);
    expect(values.get('transforms.a.type')?.errorMessages).toEqual([
      'Invalid value Nope for configuration transforms.a.type: Class Nope could not be found.',
    ]);
    expect(values.get('transforms.b.type')?.errorMessages).toEqual([
      'Missing required configuration "transforms.b.type" which has no default value.',
    ]);
  });

  it('recommends the installed classes of the kind, sorted by class name', () => {
    // Prepare
    const props = { predicates: 'p', 'predicates.p.type': 'RecordIsTombstone' };

    // Act
    const values = enrich(fakeRegistry(), connectorConfigDef(), props, false).validateAll(props, fakeRegistry());

    // Assess
    expect(
      values.get('predicates.p.type')?.recommendedValues.map((c) => (c as { className: string }).className),
    ).toEqual([
      'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
      'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
    ]);
  });

  it('adds each alias once when it is listed twice', () => {
    // Prepare
    const props = { transforms: 'a,a', 'transforms.a.type': 'Filter' };

    // Act
    const def = enrich(fakeRegistry(), connectorConfigDef(), props, false);

    // Assess
    expect(def.names().filter((n) => n === 'transforms.a.type')).toHaveLength(1);
  });
});

describe('SinkConnectorConfig', () => {
  it('reads topics and the dead letter queue settings', () => {
    // Act
    const config = new SinkConnectorConfig(fakeRegistry(), {
      ...base,
      topics: 'a, b',
      'errors.deadletterqueue.topic.name': 'dlq',
    });

    // Assess
    expect(config.topics()).toEqual(['a', 'b']);
    expect(config.dlqTopicName()).toBe('dlq');
    expect(config.dlqTopicReplicationFactor()).toBe(3);
    expect(config.isDlqContextHeadersEnabled()).toBe(false);
    expect(config.enableErrantRecordReporter()).toBe(true);
  });
});

describe('SourceConnectorConfig', () => {
  const withTopicCreation = {
    ...base,
    'topic.creation.default.replication.factor': '3',
    'topic.creation.default.partitions': '1',
  };

  it('does not use topic creation without topic.creation keys (noTopicCreation)', () => {
    // Act
    const config = new SourceConnectorConfig(fakeRegistry(), base, true);

    // Assess
    expect(config.usesTopicCreation()).toBe(false);
    expect(config.exactlyOnceSupport()).toBe('requested');
    expect(config.transactionBoundary()).toBe('poll');
    expect(config.transactionBoundaryInterval()).toBeNull();
    expect(config.offsetsTopic()).toBeNull();
  });

  it('accepts the default group listed explicitly', () => {
    // Act
    const config = new SourceConnectorConfig(
      fakeRegistry(),
      { ...withTopicCreation, 'topic.creation.groups': 'default,group1,group2' },
      true,
    );

    // Assess
    expect(config.topicCreationGroups()).toEqual(['group1', 'group2']);
    expect(config.topicCreationReplicationFactor('group1')).toBe(3);
    expect(config.topicCreationPartitions('group2')).toBe(1);
  });

  it.each(['0', '-2', '-99'])('rejects %s partitions or replication factor', (bad) => {
    // Act / Assess
    expect(
      () =>
        new SourceConnectorConfig(
          fakeRegistry(),
          { ...withTopicCreation, 'topic.creation.default.partitions': bad },
          true,
        ),
    ).toThrow(`Invalid value ${bad} for configuration partitions: Number of partitions must be positive, or -1`);
    expect(
      () =>
        new SourceConnectorConfig(
          fakeRegistry(),
          { ...withTopicCreation, 'topic.creation.default.replication.factor': bad },
          true,
        ),
    ).toThrow(
      "Replication factor must be positive and not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default",
    );
  });

  it('requires the default group settings when topic creation is used', () => {
    // Act / Assess
    expect(() => new SourceConnectorConfig(fakeRegistry(), { ...base, 'topic.creation.groups': 'g' }, true)).toThrow(
      'Missing required configuration "topic.creation.default.replication.factor" which has no default value.',
    );
  });

  it('accepts -1 and positive numbers, and passes other group keys on as topic configs', () => {
    // Act
    const config = new SourceConnectorConfig(
      fakeRegistry(),
      {
        ...withTopicCreation,
        'topic.creation.default.replication.factor': '-1',
        'topic.creation.default.include': 'ignored',
        'topic.creation.groups': 'compacted',
        'topic.creation.compacted.include': 'a.*, b',
        'topic.creation.compacted.partitions': '5',
        'topic.creation.compacted.cleanup.policy': 'compact',
      },
      true,
    );

    // Assess
    expect(config.usesTopicCreation()).toBe(true);
    expect(config.topicCreationReplicationFactor('default')).toBe(-1);
    expect(config.topicCreationInclude('default')).toEqual(['.*']);
    expect(config.topicCreationInclude('compacted')).toEqual(['a.*', 'b']);
    expect(config.topicCreationPartitions('compacted')).toBe(5);
    expect(config.topicCreationReplicationFactor('compacted')).toBe(-1);
    expect(config.topicCreationOtherConfigs('compacted')).toEqual({ 'cleanup.policy': 'compact' });
  });

  it('reads the exactly-once keys case-insensitively', () => {
    // Act
    const config = new SourceConnectorConfig(
      fakeRegistry(),
      {
        ...base,
        'exactly.once.support': 'REQUIRED',
        'transaction.boundary': 'Interval',
        'transaction.boundary.interval.ms': '10',
      },
      false,
    );

    // Assess
    expect(config.exactlyOnceSupport()).toBe('required');
    expect(config.transactionBoundary()).toBe('interval');
    expect(config.transactionBoundaryInterval()).toBe(10);
  });
});
