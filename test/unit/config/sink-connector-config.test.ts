import { describe, expect, it } from 'vitest';
import { type ConfigValue, ConfigValue as Value } from '../../../shared/api';
import {
  ensureValidSinkConnectorConfig,
  hasDlqTopicConfig,
  parseTopicsList,
  validateSinkConnectorConfig,
} from '../../../shared/config';

function errorsOf(props: Record<string, string>): Record<string, string[]> {
  const validated = new Map<string, ConfigValue>();
  validateSinkConnectorConfig(props, validated);
  return Object.fromEntries([...validated].map(([name, value]) => [name, value.errorMessages]));
}

describe('validateSinkConnectorConfig', () => {
  it('needs one of topics and topics.regex, reporting on both keys', () => {
    // Act / Assess
    expect(errorsOf({ topics: ' ' })).toEqual({
      topics: ['Must configure one of topics or topics.regex'],
      'topics.regex': ['Must configure one of topics or topics.regex'],
    });
  });

  it('refuses topics and topics.regex together', () => {
    // Act / Assess
    expect(errorsOf({ topics: 'a', 'topics.regex': 'b.*' })).toEqual({
      topics: ['topics and topics.regex are mutually exclusive options, but both are set.'],
      'topics.regex': ['topics and topics.regex are mutually exclusive options, but both are set.'],
    });
  });

  it('refuses a DLQ topic among the consumed topics', () => {
    // Act / Assess
    expect(errorsOf({ topics: 'a, dlq,a', 'errors.deadletterqueue.topic.name': ' dlq ' })).toEqual({
      topics: [
        "The DLQ topic 'dlq' may not be included in the list of topics ('topics=[a, dlq]') consumed by the connector",
      ],
    });
  });

  it('refuses a DLQ topic that the topics regex matches, as a whole', () => {
    // Act / Assess
    expect(errorsOf({ 'topics.regex': 'dl.', 'errors.deadletterqueue.topic.name': 'dlq' })).toEqual({
      'topics.regex': [
        "The DLQ topic 'dlq' may not be matched by the regex for the topics ('topics.regex=dl.') consumed by the connector",
      ],
    });
    expect(errorsOf({ 'topics.regex': 'dl', 'errors.deadletterqueue.topic.name': 'dlq' })).toEqual({});
  });

  it('adds to values already validated', () => {
    // Prepare
    const validated = new Map([['topics', new Value('topics', [], [], ['earlier'])]]);

    // Act
    validateSinkConnectorConfig({}, validated);

    // Assess
    expect(validated.get('topics')?.errorMessages).toEqual(['earlier', 'Must configure one of topics or topics.regex']);
  });
});

describe('sink config helpers', () => {
  it('throw the first error with its key and value', () => {
    // Act / Assess
    expect(() => ensureValidSinkConnectorConfig({ topics: 'a', 'topics.regex': 'b' })).toThrow(
      'Invalid value a for configuration topics: topics and topics.regex are mutually exclusive options, but both are set.',
    );
  });

  it('list topics without blanks or repeats and detect a DLQ topic', () => {
    // Act / Assess
    expect(parseTopicsList({ topics: 'a,,b,a' })).toEqual(['a', 'b']);
    expect(parseTopicsList({})).toEqual([]);
    expect(hasDlqTopicConfig({ 'errors.deadletterqueue.topic.name': '  ' })).toBe(false);
  });
});
