import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scheduleGroupName, sinkAliasName, taskScheduleName } from '../../../shared/platform';

const hash = (name: string) => createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 10);
const ALIAS_RULE = /^(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}$/;
const GROUP_RULE = /^[0-9a-zA-Z_.-]{1,64}$/;

describe('resource names', () => {
  it('reads as the connector name with the prefix in front and a short hash of the name behind', () => {
    // Act
    const alias = sinkAliasName('kc', 'orders-sink');
    const group = scheduleGroupName('kc', 'files-source');
    // Assess
    expect(alias).toBe(`kc-orders-sink-${hash('orders-sink')}`);
    expect(group).toBe(`kc-files-source-${hash('files-source')}`);
    expect(taskScheduleName(3)).toBe('task-3');
  });

  it('turns characters AWS rejects into dashes and keeps names that sanitize alike apart', () => {
    // Act
    const dotted = sinkAliasName('kc', 'jdbc.orders');
    const spaced = sinkAliasName('kc', 'jdbc orders');
    // Assess
    expect(dotted).toBe(`kc-jdbc-orders-${hash('jdbc.orders')}`);
    expect(spaced).toBe(`kc-jdbc-orders-${hash('jdbc orders')}`);
    expect(dotted).not.toBe(spaced);
  });

  it('fits the length limits and character rules of aliases and schedule groups for any name', () => {
    // Prepare
    const names = ['x'.repeat(1000), 'é'.repeat(300), '123456', '💥', '---', 'a/b:c*d', ''];
    // Act
    const aliases = names.map((n) => sinkAliasName('kc', n));
    const groups = names.map((n) => scheduleGroupName('kc', n));
    // Assess
    for (const alias of aliases) expect(alias).toMatch(ALIAS_RULE);
    for (const group of groups) expect(group).toMatch(GROUP_RULE);
    expect(aliases[0]).toHaveLength(128);
    expect(groups[0]).toHaveLength(64);
    expect(aliases[1]).toBe(`kc-${hash('é'.repeat(300))}`);
  });
});
