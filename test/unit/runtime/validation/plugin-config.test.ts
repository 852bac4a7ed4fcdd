import { describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from '../../../../shared/api';
import { defaultRegistry, PluginRegistry } from '../../../../shared/plugins';
import { connectorPluginConfig, overridePolicyFor, pluginCatalog } from '../../../../shared/runtime';
import { FileStreamSinkConnector, fakeRegistry } from '../../plugins/fake-plugins';
import { KAFKA_KEYS } from './kafka-config-keys';

// GET /connector-plugins/{plugin}/config (Kafka's AbstractHerder.connectorPluginConfig).

describe('connectorPluginConfig', () => {
  it("lists a sink connector's own keys first, then the sink framework keys", () => {
    // Act
    const keys = connectorPluginConfig(defaultRegistry(), 'FileStreamSink');

    // Assess
    expect(keys[0]).toEqual(KAFKA_KEYS['file (sink)']);
    expect(keys.slice(1).map((k) => k.name)).toEqual([
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
      'topics',
      'topics.regex',
      'errors.deadletterqueue.topic.name',
      'errors.deadletterqueue.topic.replication.factor',
      'errors.deadletterqueue.context.headers.enable',
    ]);
    expect(keys[1]).toEqual(KAFKA_KEYS.name);
  });

  it('lists a source connector by its full class name with the source framework keys', () => {
    // Act
    const keys = connectorPluginConfig(defaultRegistry(), 'org.apache.kafka.connect.file.FileStreamSourceConnector');

    // Assess
    expect(keys.map((k) => k.name).slice(0, 3)).toEqual(['file', 'topic', 'batch.size']);
    expect(keys.map((k) => k.name).slice(-5)).toEqual([
      'topic.creation.groups',
      'exactly.once.support',
      'transaction.boundary',
      'transaction.boundary.interval.ms',
      'offsets.storage.topic',
    ]);
  });

  it('lets the plugin define a framework key itself', () => {
    // Prepare
    class OwnTopics extends FileStreamSinkConnector {
      static override readonly className: string = 'org.example.OwnTopicsConnector';
      override config() {
        return super.config().define('topics', 'LIST', 'a', 'LOW', 'Own topics');
      }
    }

    // Act
    const keys = connectorPluginConfig(new PluginRegistry({ connectors: [OwnTopics] }), 'OwnTopics');

    // Assess
    expect(keys.filter((k) => k.name === 'topics')).toEqual([
      expect.objectContaining({ name: 'topics', default_value: 'a', documentation: 'Own topics', order: -1 }),
    ]);
    expect(keys[1]?.name).toBe('topics');
  });

  it('lists only the own keys of converters, transformations and predicates', () => {
    // Act / Assess
    expect(connectorPluginConfig(fakeRegistry(), 'RegexRouter').map((k) => k.name)).toEqual(['regex', 'replacement']);
    expect(connectorPluginConfig(fakeRegistry(), 'TopicNameMatches').map((k) => k.name)).toEqual(['pattern']);
    expect(connectorPluginConfig(fakeRegistry(), 'JsonConverter').map((k) => k.name)).toEqual([
      'converter.type',
      'schemas.enable',
    ]);
  });

  it('does not know an ambiguous alias or another name', () => {
    // Act / Assess
    expect(() => connectorPluginConfig(defaultRegistry(), 'Value')).toThrow(new NotFoundError('Unknown plugin Value.'));
    expect(() => connectorPluginConfig(defaultRegistry(), 'org.example.Nope')).toThrow(NotFoundError);
  });

  it('names the valid plugin kinds for a class of another kind', () => {
    // Prepare
    const registry = fakeRegistry();
    registry.typesOf = () => [];

    // Act / Assess
    expect(() => connectorPluginConfig(registry, 'RegexRouter')).toThrow(
      new BadRequestError(
        'Invalid plugin class RegexRouter. Valid types are sink, source, converter, header_converter, transformation, predicate.',
      ),
    );
  });
});

describe('pluginCatalog', () => {
  it('tells the connector type from the class or alias, unknown for anything else', () => {
    // Prepare
    const catalog = pluginCatalog(defaultRegistry());

    // Act / Assess
    expect(catalog.connectorType('FileStreamSink')).toBe('sink');
    expect(catalog.connectorType('org.apache.kafka.connect.file.FileStreamSourceConnector')).toBe('source');
    expect(catalog.connectorType('Nope')).toBe('unknown');
    expect(catalog.connectorType(undefined)).toBe('unknown');
  });

  it('resolves placeholders before validating', async () => {
    // Prepare
    const catalog = pluginCatalog(defaultRegistry(), {
      resolveConfig: async (config) => ({ ...config, file: '/tmp/resolved.txt' }),
    });

    // Act
    const infos = await catalog.validate({
      name: 'sink',
      'connector.class': 'FileStreamSink',
      topics: 't',
      file: '${file:/secrets:path}',
    });

    // Assess
    expect(infos.error_count).toBe(0);
    expect(infos.configs.at(-1)?.value).toEqual(expect.objectContaining({ name: 'file', value: '/tmp/resolved.txt' }));
  });

  it('lists plugins and creates connectors through the registry', () => {
    // Prepare
    const catalog = pluginCatalog(defaultRegistry());

    // Act / Assess
    const types = catalog.plugins(true).map((p) => p.type);
    expect(new Set(types)).toEqual(new Set(['sink', 'source']));
    expect(types.indexOf('sink')).toBeLessThan(types.indexOf('source'));
    expect(catalog.newConnector('FileStreamSink').version()).toBe('3.9.0');
    expect(catalog.pluginConfig('FileStreamSink')).toHaveLength(21);
  });
});

describe('overridePolicyFor', () => {
  it('finds the policies by alias, simple name and class name', () => {
    // Act / Assess
    expect(overridePolicyFor('All').constructor.name).toBe('AllConnectorClientConfigOverridePolicy');
    expect(overridePolicyFor('NoneConnectorClientConfigOverridePolicy').constructor.name).toBe(
      'NoneConnectorClientConfigOverridePolicy',
    );
    expect(
      overridePolicyFor('org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy')
        .constructor.name,
    ).toBe('PrincipalConnectorClientConfigOverridePolicy');
    expect(() => overridePolicyFor('Some')).toThrow(
      'Invalid value Some for configuration connector.client.config.override.policy: Class Some could not be found.',
    );
  });
});
