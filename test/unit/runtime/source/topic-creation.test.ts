import { describe, expect, it } from 'vitest';
import { newTopicSettings } from '../../../../shared/runtime';

const BASE = {
  'topic.creation.default.replication.factor': '3',
  'topic.creation.default.partitions': '5',
};

describe('newTopicSettings', () => {
  it('leaves topic creation to the broker when the connector has no topic.creation.default keys', () => {
    // Act / Assess
    expect(newTopicSettings({ 'topic.creation.groups': 'compacted' }, 'orders')).toBeNull();
  });

  it("uses the default group's settings and its extra keys as topic configs", () => {
    // Act
    const settings = newTopicSettings({ ...BASE, 'topic.creation.default.cleanup.policy': 'delete' }, 'orders');
    // Assess
    expect(settings).toEqual({
      group: 'default',
      partitions: 5,
      replicationFactor: 3,
      configs: { 'cleanup.policy': 'delete' },
    });
  });

  it('takes the first listed group whose include matches and whose exclude does not, inheriting what it leaves out', () => {
    // Prepare
    const config = {
      ...BASE,
      'topic.creation.groups': 'compacted, highly_parallel',
      'topic.creation.compacted.include': 'users.*, products',
      'topic.creation.compacted.exclude': 'users-tmp',
      'topic.creation.compacted.cleanup.policy': 'compact',
      'topic.creation.highly_parallel.include': 'users.*, clicks',
      'topic.creation.highly_parallel.partitions': '50',
    };
    // Act
    const users = newTopicSettings(config, 'users');
    const excluded = newTopicSettings(config, 'users-tmp');
    const clicks = newTopicSettings(config, 'clicks');
    const other = newTopicSettings(config, 'orders');
    // Assess
    expect(users).toEqual({
      group: 'compacted',
      partitions: 5,
      replicationFactor: 3,
      configs: { 'cleanup.policy': 'compact' },
    });
    expect(excluded?.group).toBe('highly_parallel');
    expect(excluded?.partitions).toBe(50);
    expect(clicks).toEqual({ group: 'highly_parallel', partitions: 50, replicationFactor: 3, configs: {} });
    expect(other?.group).toBe('default');
  });

  it('matches include patterns against the whole topic name, as Java does', () => {
    // Prepare
    const config = {
      ...BASE,
      'topic.creation.groups': 'g',
      'topic.creation.g.include': 'user',
      'topic.creation.g.partitions': '1',
    };
    // Act / Assess
    expect(newTopicSettings(config, 'users')?.group).toBe('default');
    expect(newTopicSettings(config, 'user')?.group).toBe('g');
  });

  it('passes -1 through so the broker applies its defaults', () => {
    // Act
    const settings = newTopicSettings(
      { 'topic.creation.default.replication.factor': '-1', 'topic.creation.default.partitions': '-1' },
      't',
    );
    // Assess
    expect(settings).toMatchObject({ partitions: -1, replicationFactor: -1 });
  });
});
