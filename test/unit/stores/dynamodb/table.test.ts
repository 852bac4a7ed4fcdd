import { describe, expect, it } from 'vitest';
import { attributeNames, forEachLimited } from '../../../../shared/stores/dynamodb/table';

describe('attributeNames', () => {
  it('returns only the placeholders the expressions use (DynamoDB rejects unused ones)', () => {
    const dictionary = { '#pk': 'pk', '#gen': 'generation', '#unused': 'x' };
    expect(attributeNames(dictionary, 'SET #gen = #gen + :one', 'attribute_exists(#pk)', undefined)).toEqual({
      '#gen': 'generation',
      '#pk': 'pk',
    });
  });

  it('fails loudly on a placeholder missing from the dictionary', () => {
    expect(() => attributeNames({}, '#typo = :x')).toThrow('No attribute name for #typo');
  });
});

describe('forEachLimited', () => {
  it('never runs more than the limit at once and runs every item', async () => {
    // Prepare
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    // Act
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      done.push(n);
      running--;
    });
    // Assess
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('finishes the other items and then rejects with the first error', async () => {
    // Prepare
    const done: number[] = [];
    // Act
    const run = forEachLimited([1, 2, 3], 2, async (n) => {
      if (n === 1) throw new Error('first');
      done.push(n);
    });
    // Assess
    await expect(run).rejects.toThrow('first');
    expect(done).toEqual([2, 3]);
  });
});
