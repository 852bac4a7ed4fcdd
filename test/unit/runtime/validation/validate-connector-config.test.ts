import { describe, expect, it } from 'vitest';
import { BadRequestError, ConnectError } from '../../../../shared/api';
import { defaultRegistry } from '../../../../shared/plugins';
import {
  type ConfigInfos,
  type ConfigKeyInfo,
  configErrorsMessage,
  NoneConnectorClientConfigOverridePolicy,
  PrincipalConnectorClientConfigOverridePolicy,
  validateConnectorConfig,
} from '../../../../shared/runtime';
import { fakeRegistry, SilentSourceConnector } from '../../plugins/fake-plugins';
import { KAFKA_KEYS } from './kafka-config-keys';

// Validation as Kafka's AbstractHerder.validateConnectorConfig (with DistributedHerder's checks)
// produces it for PUT /connector-plugins/{type}/config/validate (spec 1.3).

const COMMON_KEYS = [
  'name',
  'connector.class',
  'tasks.max',
  'tasks.max.enforce',
  'key.converter',
  'value.converter',
  'header.converter',
  'transforms',
  'predicates',
  'config.action.reload',
  'errors.retry.timeout',
  'errors.retry.delay.max.ms',
  'errors.tolerance',
  'errors.log.enable',
  'errors.log.include.messages',
];

/** The ConfigValueInfo of a key: its value as Kafka prints it, no errors, visible. */
function value(name: string, text: string | null) {
  return { name, value: text, recommended_values: [], errors: [], visible: true };
}

function definition(name: string): ConfigKeyInfo {
  const key = KAFKA_KEYS[name];
  if (!key) throw new Error(`no expected key ${name}`);
  return key;
}

const sourceConfig = {
  name: 'local-file-source',
  'connector.class': 'FileStreamSource',
  'tasks.max': '1',
  file: '/tmp/test.txt',
  topic: 'connect-test',
};

const sinkConfig = {
  name: 'local-file-sink',
  'connector.class': 'FileStreamSink',
  'tasks.max': '1',
  file: '/tmp/test.sink.txt',
  topics: 'connect-test',
};

/** What each common key's value reads for the configs above. */
function commonValues(name: string, connectorClass: string): Record<string, string | null> {
  return {
    name,
    'connector.class': connectorClass,
    'tasks.max': '1',
    'tasks.max.enforce': 'true',
    'key.converter': null,
    'value.converter': null,
    'header.converter': null,
    transforms: '',
    predicates: '',
    'config.action.reload': 'restart',
    'errors.retry.timeout': '0',
    'errors.retry.delay.max.ms': '60000',
    'errors.tolerance': 'none',
    'errors.log.enable': 'false',
    'errors.log.include.messages': 'false',
  };
}

function errorsByKey(infos: ConfigInfos): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const config of infos.configs) {
    if (config.value && config.value.errors.length > 0) result[config.value.name] = config.value.errors;
  }
  return result;
}

describe('validateConnectorConfig with the FileStream connectors', () => {
  it('validation of a FileStream source config lists exactly the keys Kafka lists, with zero errors for a valid config', () => {
    // Prepare
    const values: Record<string, string | null> = {
      ...commonValues('local-file-source', 'FileStreamSource'),
      'topic.creation.groups': '',
      'exactly.once.support': 'requested',
      'transaction.boundary': 'poll',
      'transaction.boundary.interval.ms': null,
      'offsets.storage.topic': null,
      file: '/tmp/test.txt',
      topic: 'connect-test',
      'batch.size': '2000',
    };
    const sourceKeys = [
      ...COMMON_KEYS,
      'topic.creation.groups',
      'exactly.once.support',
      'transaction.boundary',
      'transaction.boundary.interval.ms',
      'offsets.storage.topic',
    ];
    // The project's source connector documents `file` as required (no stdin in a Lambda function);
    // everything else is Kafka's listing.
    const sourceFile = {
      ...definition('file (source)'),
      documentation:
        'Source filename. Required here: a serverless task has no standard input, which Kafka reads when it is not specified',
    };

    // Act
    const infos = validateConnectorConfig(sourceConfig, defaultRegistry());

    // Assess
    expect(infos).toEqual({
      name: 'FileStreamSource',
      error_count: 0,
      groups: [
        'Common',
        'Transforms',
        'Predicates',
        'Error Handling',
        'Topic Creation',
        'Exactly Once Support',
        'offsets.topic',
      ],
      configs: [
        ...sourceKeys.map((name) => ({ definition: definition(name), value: value(name, values[name] ?? null) })),
        { definition: sourceFile, value: value('file', '/tmp/test.txt') },
        { definition: definition('topic'), value: value('topic', 'connect-test') },
        { definition: definition('batch.size'), value: value('batch.size', '2000') },
      ],
    });
  });

  it('validation of a FileStream sink config lists exactly the keys Kafka lists, with zero errors for a valid config', () => {
    // Prepare
    const values: Record<string, string | null> = {
      ...commonValues('local-file-sink', 'FileStreamSink'),
      topics: 'connect-test',
      'topics.regex': '',
      'errors.deadletterqueue.topic.name': '',
      'errors.deadletterqueue.topic.replication.factor': '3',
      'errors.deadletterqueue.context.headers.enable': 'false',
    };
    const sinkKeys = [
      ...COMMON_KEYS,
      'topics',
      'topics.regex',
      'errors.deadletterqueue.topic.name',
      'errors.deadletterqueue.topic.replication.factor',
      'errors.deadletterqueue.context.headers.enable',
    ];

    // Act
    const infos = validateConnectorConfig(sinkConfig, defaultRegistry());

    // Assess
    expect(infos).toEqual({
      name: 'FileStreamSink',
      error_count: 0,
      groups: ['Common', 'Transforms', 'Predicates', 'Error Handling'],
      configs: [
        ...sinkKeys.map((name) => ({ definition: definition(name), value: value(name, values[name] ?? null) })),
        { definition: definition('file (sink)'), value: value('file', '/tmp/test.sink.txt') },
      ],
    });
    expect(JSON.stringify(infos.configs[0]?.definition)).toBe(
      '{"name":"name","type":"STRING","required":true,"default_value":null,"importance":"HIGH",' +
        '"documentation":"Globally unique name to use for this connector.","group":"Common","width":"MEDIUM",' +
        '"display_name":"Connector name","dependents":[],"order":1}',
    );
  });

  it('reports the source connector refusing a config without a file', () => {
    // Act
    const infos = validateConnectorConfig({ ...sourceConfig, file: '' }, defaultRegistry());

    // Assess
    expect(infos.error_count).toBe(1);
    expect(errorsByKey(infos)).toEqual({
      file: [
        "The standard input is not available to serverless source tasks; set 'file' to the path of the file to read",
      ],
    });
  });
});

describe('validateConnectorConfig errors', () => {
  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    [
      'tasks.max 0',
      { 'tasks.max': '0' },
      { 'tasks.max': ['Invalid value 0 for configuration tasks.max: Value must be at least 1'] },
    ],
    [
      'a tasks.max that is not a number',
      { 'tasks.max': 'many' },
      {
        // As in Kafka, the validator then sees null.
        'tasks.max': [
          'Invalid value many for configuration tasks.max: Not a number of type INT',
          'Invalid value null for configuration tasks.max: Value must be non-null',
        ],
      },
    ],
    [
      'a bad errors.tolerance',
      { 'errors.tolerance': 'some' },
      {
        'errors.tolerance': ['Invalid value some for configuration errors.tolerance: String must be one of: none, all'],
      },
    ],
    [
      'a bad boolean',
      { 'errors.log.enable': 'yes' },
      {
        'errors.log.enable': [
          'Invalid value yes for configuration errors.log.enable: Expected value to be either true or false',
        ],
      },
    ],
    ['an empty name', { name: '' }, { name: ['Invalid value  for configuration name: String may not be empty'] }],
    [
      'topics and topics.regex both set',
      { 'topics.regex': 'connect-.*' },
      {
        topics: ['topics and topics.regex are mutually exclusive options, but both are set.'],
        'topics.regex': ['topics and topics.regex are mutually exclusive options, but both are set.'],
      },
    ],
    [
      'neither topics nor topics.regex',
      { topics: '' },
      {
        topics: ['Must configure one of topics or topics.regex'],
        'topics.regex': ['Must configure one of topics or topics.regex'],
      },
    ],
    [
      'the DLQ topic among the topics',
      { 'errors.deadletterqueue.topic.name': 'connect-test' },
      {
        topics: [
          "The DLQ topic 'connect-test' may not be included in the list of topics ('topics=[connect-test]') consumed by the connector",
        ],
      },
    ],
    [
      'a duplicate transform alias',
      { transforms: 'a,a', 'transforms.a.type': 'Filter' },
      { transforms: ['Invalid value [a, a] for configuration transforms: Duplicate alias provided.'] },
    ],
    [
      'a transforms alias without type',
      { transforms: 'route' },
      {
        'transforms.route.type': ['Missing required configuration "transforms.route.type" which has no default value.'],
      },
    ],
    [
      'a transform type that cannot be found',
      { transforms: 'a', 'transforms.a.type': 'NoSuchTransform' },
      {
        'transforms.a.type': [
          'Invalid value NoSuchTransform for configuration transforms.a.type: Class NoSuchTransform could not be found.',
        ],
      },
    ],
    [
      'a predicate given as a transform type',
      { transforms: 'a', 'transforms.a.type': 'TopicNameMatches' },
      {
        'transforms.a.type': [
          'Class class org.apache.kafka.connect.transforms.predicates.TopicNameMatches does not implement the Transformation interface',
        ],
      },
    ],
    [
      'negate without predicate',
      { transforms: 'a', 'transforms.a.type': 'Filter', 'transforms.a.negate': 'true' },
      {
        'transforms.a.type': [
          "Config 'transforms.a.negate' was provided but there is no config 'transforms.a.predicate' defining a predicate to be negated.",
        ],
      },
    ],
    [
      'a predicate alias without type',
      { predicates: 'p' },
      { 'predicates.p.type': ['Missing required configuration "predicates.p.type" which has no default value.'] },
    ],
    [
      'an unknown converter class',
      { 'value.converter': 'org.example.AvroConverter' },
      {
        'value.converter': [
          'Invalid value org.example.AvroConverter for configuration value.converter: Class org.example.AvroConverter could not be found.',
        ],
      },
    ],
    [
      'a transform as converter',
      { 'key.converter': 'RegexRouter' },
      {
        'key.converter': [
          'Class class org.apache.kafka.connect.transforms.RegexRouter does not implement the Converter interface',
        ],
      },
    ],
  ])('reports %s with Kafka text', (_case, override, expected) => {
    // Act
    const infos = validateConnectorConfig({ ...sinkConfig, ...override }, defaultRegistry());

    // Assess
    expect(errorsByKey(infos)).toEqual(expected);
    expect(infos.error_count).toBe(Object.values(expected).flat().length);
  });

  it('adds the transform keys after the framework keys and reports their own errors', () => {
    // Act
    const infos = validateConnectorConfig(
      { ...sinkConfig, transforms: 'route', 'transforms.route.type': 'RegexRouter', 'transforms.route.regex': '(.*)' },
      defaultRegistry(),
    );

    // Assess
    expect(
      infos.configs.slice(20, 25).map((c) => [c.definition?.name, c.definition?.group, c.definition?.order]),
    ).toEqual([
      ['transforms.route.type', 'Transforms: route', 0],
      ['transforms.route.regex', 'Transforms: route', 1],
      ['transforms.route.replacement', 'Transforms: route', 2],
      ['transforms.route.negate', 'Transforms: route', 3],
      ['transforms.route.predicate', 'Transforms: route', 4],
    ]);
    expect(infos.configs[20]?.value?.value).toBe('org.apache.kafka.connect.transforms.RegexRouter');
    expect(infos.configs[20]?.value?.recommended_values).toContain('org.apache.kafka.connect.transforms.Cast$Value');
    expect(infos.groups.at(-1)).toBe('Transforms: route');
    expect(errorsByKey(infos)).toEqual({
      'transforms.route.replacement': [
        'Missing required configuration "transforms.route.replacement" which has no default value.',
      ],
    });
  });

  it('reports a null value on its key, listing an undeclared key first', () => {
    // Act
    const infos = validateConnectorConfig({ ...sinkConfig, 'tasks.max': null, 'not.a.key': null }, defaultRegistry());

    // Assess
    expect(infos.configs[0]).toEqual({
      definition: null,
      value: {
        ...value('not.a.key', null),
        errors: ['Null value can not be supplied as the configuration value.'],
      },
    });
    expect(errorsByKey(infos)).toEqual({
      'not.a.key': ['Null value can not be supplied as the configuration value.'],
      'tasks.max': [
        'Invalid value null for configuration tasks.max: Value must be non-null',
        'Null value can not be supplied as the configuration value.',
      ],
    });
  });

  it('ignores keys nothing declares', () => {
    // Act
    const infos = validateConnectorConfig({ ...sinkConfig, 'my.own.setting': 'x' }, defaultRegistry());

    // Assess
    expect(infos.error_count).toBe(0);
    expect(infos.configs.some((c) => c.value?.name === 'my.own.setting')).toBe(false);
  });

  it('refuses a config without connector.class', () => {
    // Act / Assess
    expect(() => validateConnectorConfig({ name: 'x', 'tasks.max': '1' }, defaultRegistry())).toThrow(
      new BadRequestError('Connector config {name=x, tasks.max=1} contains no connector type'),
    );
  });

  it('fails on a connector class that does not exist', () => {
    // Act / Assess
    expect(() => validateConnectorConfig({ ...sinkConfig, 'connector.class': 'Nope' }, defaultRegistry())).toThrow(
      ConnectError,
    );
    expect(() => validateConnectorConfig({ ...sinkConfig, 'connector.class': 'Nope' }, defaultRegistry())).toThrow(
      /^Failed to find any class that implements Connector and which name matches Nope, available connectors are: PluginDesc\{klass=class .*PluginDesc\{klass=class org\.apache\.kafka\.connect\.file\.FileStreamSinkConnector, /,
    );
  });

  it('counts every message on declared keys, and formats the 400 message with them in order', () => {
    // Act
    const infos = validateConnectorConfig(
      { ...sinkConfig, 'tasks.max': '0', 'topics.regex': 'x', transforms: 'a' },
      defaultRegistry(),
    );

    // Assess
    expect(infos.error_count).toBe(4);
    expect(configErrorsMessage(infos)).toBe(
      [
        'Connector configuration is invalid and contains the following 4 error(s):',
        'Invalid value 0 for configuration tasks.max: Value must be at least 1',
        'topics and topics.regex are mutually exclusive options, but both are set.',
        'topics and topics.regex are mutually exclusive options, but both are set.',
        'Missing required configuration "transforms.a.type" which has no default value.',
        'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
      ].join('\n'),
    );
  });
});

describe('validateConnectorConfig converters', () => {
  it('validates a converter the config sets, with converter.type, as key.converter.* entries', () => {
    // Act
    const infos = validateConnectorConfig(
      { ...sinkConfig, 'key.converter': 'JsonConverter', 'key.converter.schemas.enable': 'maybe' },
      defaultRegistry(),
    );

    // Assess
    const converterEntries = infos.configs.filter((c) => c.value?.name.startsWith('key.converter.'));
    expect(converterEntries.map((c) => [c.value?.name, c.value?.value])).toEqual([
      ['key.converter.converter.type', 'key'],
      ['key.converter.schemas.enable', null],
      ['key.converter.schemas.cache.size', '1000'],
      ['key.converter.decimal.format', 'BASE64'],
      ['key.converter.replace.null.with.default', 'true'],
    ]);
    expect(converterEntries[1]?.definition?.name).toBe('key.converter.schemas.enable');
    expect(infos.configs.find((c) => c.definition?.name === 'key.converter')?.value?.value).toBe(
      'org.apache.kafka.connect.json.JsonConverter',
    );
    expect(errorsByKey(infos)).toEqual({
      'key.converter.schemas.enable': [
        'Invalid value maybe for configuration schemas.enable: Expected value to be either true or false',
      ],
    });
    expect(infos.error_count).toBe(1);
    expect(infos.groups).toEqual(['Common', 'Transforms', 'Predicates', 'Error Handling', 'Schemas', 'Serialization']);
  });

  it('counts a converter key with several errors once', () => {
    // Act (the fake JsonConverter's converter.type accepts key, value, header)
    const infos = validateConnectorConfig(
      { ...sinkConfig, 'value.converter': 'JsonConverter', 'value.converter.converter.type': 'both' },
      fakeRegistry(),
    );

    // Assess
    expect(errorsByKey(infos)).toEqual({
      'value.converter.converter.type': [
        'Invalid value both for configuration converter.type: String must be one of: key, value, header',
      ],
    });
    expect(infos.error_count).toBe(1);
  });

  it('leaves converters the config does not set to the worker', () => {
    // Act
    const infos = validateConnectorConfig(
      { ...sinkConfig, 'value.converter.schemas.enable': 'false' },
      defaultRegistry(),
    );

    // Assess
    expect(infos.configs.some((c) => c.value?.name.startsWith('value.converter.'))).toBe(false);
  });
});

describe('validateConnectorConfig client overrides', () => {
  it('allows every override under the default All policy, hiding passwords', () => {
    // Act
    const infos = validateConnectorConfig(
      {
        ...sinkConfig,
        'consumer.override.auto.offset.reset': 'earliest',
        'consumer.override.sasl.jaas.config': 'secret',
      },
      defaultRegistry(),
    );

    // Assess
    expect(infos.error_count).toBe(0);
    expect(infos.configs.slice(-2)).toEqual([
      { definition: null, value: value('consumer.override.auto.offset.reset', 'earliest') },
      { definition: null, value: value('consumer.override.sasl.jaas.config', '[hidden]') },
    ]);
  });

  it('refuses overrides the policy does not allow, counting each key once', () => {
    // Act
    const none = validateConnectorConfig(
      { ...sinkConfig, 'consumer.override.auto.offset.reset': 'earliest' },
      defaultRegistry(),
      { clientConfigOverridePolicy: new NoneConnectorClientConfigOverridePolicy() },
    );
    const principal = validateConnectorConfig(
      { ...sourceConfig, 'producer.override.acks': 'all', 'producer.override.sasl.mechanism': 'PLAIN' },
      defaultRegistry(),
      { clientConfigOverridePolicy: new PrincipalConnectorClientConfigOverridePolicy() },
    );

    // Assess
    expect(errorsByKey(none)).toEqual({
      'consumer.override.auto.offset.reset': [
        "The 'None' policy does not allow 'auto.offset.reset' to be overridden in the connector configuration.",
      ],
    });
    expect(errorsByKey(principal)).toEqual({
      'producer.override.acks': [
        "The 'Principal' policy does not allow 'acks' to be overridden in the connector configuration.",
      ],
    });
    expect(principal.error_count).toBe(1);
  });

  it('checks producer and admin overrides of a sink only when it has a DLQ topic', () => {
    // Prepare
    const config = { ...sinkConfig, 'producer.override.acks': 'all', 'admin.override.retries': '1' };
    const options = { clientConfigOverridePolicy: new NoneConnectorClientConfigOverridePolicy() };

    // Act
    const withoutDlq = validateConnectorConfig(config, defaultRegistry(), options);
    const withDlq = validateConnectorConfig(
      { ...config, 'errors.deadletterqueue.topic.name': 'dlq' },
      defaultRegistry(),
      options,
    );

    // Assess
    expect(withoutDlq.error_count).toBe(0);
    expect(Object.keys(errorsByKey(withDlq))).toEqual(['producer.override.acks', 'admin.override.retries']);
  });
});

describe('validateConnectorConfig source checks', () => {
  it('refuses exactly.once.support=required where the platform has no exactly-once support', () => {
    // Act
    const infos = validateConnectorConfig({ ...sourceConfig, 'exactly.once.support': 'required' }, defaultRegistry());

    // Assess
    expect(errorsByKey(infos)).toEqual({
      'exactly.once.support': ['This worker does not have exactly-once source support enabled.'],
    });
  });

  it('asks the connector whether it supports exactly-once when the platform does', () => {
    // Act
    const supported = validateConnectorConfig(
      { ...sourceConfig, 'exactly.once.support': 'REQUIRED' },
      defaultRegistry(),
      {
        exactlyOnceSourceEnabled: true,
      },
    );
    const silent = validateConnectorConfig(
      { ...sourceConfig, 'connector.class': SilentSourceConnector.className, 'exactly.once.support': 'required' },
      fakeRegistry(),
      { exactlyOnceSourceEnabled: true },
    );

    // Assess
    expect(supported.error_count).toBe(0);
    expect(errorsByKey(silent)['exactly.once.support']?.[0]).toMatch(
      /^The connector does not implement the API required for preflight validation of exactly-once source support\./,
    );
  });

  it('lists the case-insensitive choices in the order Kafka prints them', () => {
    // Act
    const infos = validateConnectorConfig({ ...sourceConfig, 'exactly.once.support': 'maybe' }, defaultRegistry());

    // Assess
    expect(errorsByKey(infos)).toEqual({
      'exactly.once.support': [
        'Invalid value maybe for configuration exactly.once.support: String must be one of (case insensitive): REQUIRED, REQUESTED',
      ],
    });
  });

  it('refuses connector-defined transaction boundaries the connector cannot define', () => {
    // Act
    const infos = validateConnectorConfig({ ...sourceConfig, 'transaction.boundary': 'connector' }, defaultRegistry());

    // Assess
    expect(errorsByKey(infos)).toEqual({
      'transaction.boundary': [
        'The connector does not support connector-defined transaction boundaries with the given configuration. Please reconfigure it to use a different transaction boundary definition.',
      ],
    });
  });
});

describe('validateConnectorConfig sink group check', () => {
  it('refuses a sink whose consumer group is the worker group, when a worker group is given', () => {
    // Act
    const byName = validateConnectorConfig({ ...sinkConfig, name: 'cluster' }, defaultRegistry(), {
      workerGroupId: 'connect-cluster',
    });
    const byOverride = validateConnectorConfig(
      { ...sinkConfig, 'consumer.override.group.id': 'connect-cluster' },
      defaultRegistry(),
      { workerGroupId: 'connect-cluster' },
    );

    // Assess
    expect(errorsByKey(byName)).toEqual({
      name: ['Consumer group for sink connector named cluster conflicts with Connect worker group connect-cluster'],
    });
    expect(errorsByKey(byOverride)).toEqual({
      'consumer.override.group.id': [
        'Consumer group connect-cluster conflicts with Connect worker group connect-cluster',
      ],
    });
  });
});
