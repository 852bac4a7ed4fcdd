import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaApiError, ManualClock, silentLogger } from '../../../../local/broker';
import { LogManager, validateTopicConfig } from '../../../../local/broker/log';
import { ErrorCode } from '../../../../local/broker/protocol';
import { tempDir } from './support';

function open(dataDir: string, topicDefaults: Record<string, string> = {}) {
  return LogManager.open({ dataDir, clock: new ManualClock(), logger: silentLogger, topicDefaults });
}

function errorCodeOf(action: () => unknown): number | undefined {
  try {
    action();
    return undefined;
  } catch (err) {
    return err instanceof KafkaApiError ? err.errorCode : -999;
  }
}

describe('the log manager', () => {
  it('creates topics with an id and partitions, and finds them again after a restart', () => {
    // Prepare
    const dataDir = tempDir();
    const logs = open(dataDir);

    // Act
    const created = logs.createTopic('orders', 3, { 'retention.ms': '1000' });
    logs.close();
    const reopened = open(dataDir);
    const found = reopened.topic('orders');

    // Assess
    expect(found?.topicId).toBe(created.topicId);
    expect(found?.partitions.length).toBe(3);
    expect(found?.configs).toEqual({ 'retention.ms': '1000' });
    expect(reopened.topicById(created.topicId)?.name).toBe('orders');
  });

  it("answers Kafka's error codes for bad names, existing topics, partition counts and configs", () => {
    // Prepare
    const logs = open(tempDir());
    logs.createTopic('taken', 1);

    // Act
    const codes = [
      errorCodeOf(() => logs.createTopic('', 1)),
      errorCodeOf(() => logs.createTopic('..', 1)),
      errorCodeOf(() => logs.createTopic('has space', 1)),
      errorCodeOf(() => logs.createTopic('x'.repeat(250), 1)),
      errorCodeOf(() => logs.createTopic('taken', 1)),
      errorCodeOf(() => logs.createTopic('zero', 0)),
      errorCodeOf(() => logs.createTopic('bad-config', 1, { 'no.such.config': 'x' })),
      errorCodeOf(() => logs.createTopic('bad-value', 1, { 'retention.ms': 'soon' })),
      errorCodeOf(() => logs.createPartitions('taken', 1)),
      errorCodeOf(() => logs.deleteTopic('missing')),
    ];

    // Assess
    expect(codes).toEqual([
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      ErrorCode.TOPIC_ALREADY_EXISTS,
      ErrorCode.INVALID_PARTITIONS,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.INVALID_PARTITIONS,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ]);
  });

  it('adds partitions and keeps the new count after a restart', () => {
    // Prepare
    const dataDir = tempDir();
    const logs = open(dataDir);
    logs.createTopic('growing', 1);

    // Act
    logs.createPartitions('growing', 4);
    logs.close();
    const reopened = open(dataDir);

    // Assess
    expect(reopened.topic('growing')?.partitions.length).toBe(4);
  });

  it('deletes a topic with its files, so that a new one of the same name starts empty', () => {
    // Prepare
    const dataDir = tempDir();
    const logs = open(dataDir);
    const old = logs.createTopic('recycled', 1);

    // Act
    logs.deleteTopic('recycled');
    const fresh = logs.createTopic('recycled', 2);
    logs.close();
    const reopened = open(dataDir);

    // Assess
    expect(fresh.topicId).not.toBe(old.topicId);
    expect(reopened.topic('recycled')?.partitions.length).toBe(2);
    expect(reopened.topicById(old.topicId)).toBeUndefined();
  });

  it('drops a topic directory whose creation never completed', () => {
    // Prepare
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'topics', 'half-made', '0'), { recursive: true });

    // Act
    const logs = open(dataDir);

    // Assess
    expect(logs.topic('half-made')).toBeUndefined();
    expect(logs.topics()).toEqual([]);
  });

  it("checks topic config values the way Kafka's ConfigDef does", () => {
    // Act
    const codes = [
      ['cleanup.policy', 'compact,delete'],
      ['cleanup.policy', 'shred'],
      ['segment.bytes', '10'],
      ['max.message.bytes', '99999999999'],
      ['message.timestamp.type', 'LogAppendTime'],
      ['preallocate', 'yes'],
    ].map(([name, value]) => errorCodeOf(() => validateTopicConfig(name!, value!)));

    // Assess
    expect(codes).toEqual([
      undefined,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.INVALID_CONFIG,
      undefined,
      ErrorCode.INVALID_CONFIG,
    ]);
  });
});
