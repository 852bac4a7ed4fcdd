import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '../../../shared/api';
import { TimestampRouter } from '../../../shared/transforms';
import { sourceRecord } from './support';

describe('TimestampRouter', () => {
  let xform: TimestampRouter<never>;

  beforeEach(() => {
    xform = new TimestampRouter();
    xform.configure({});
  });

  afterEach(() => xform.close());

  it('is registered under its Kafka class name', () => {
    // Assess
    expect(TimestampRouter.className).toBe('org.apache.kafka.connect.transforms.TimestampRouter');
    expect(xform.version()).toBe('3.9.0');
  });

  it('appends the UTC day with the default configuration', () => {
    // Prepare
    const router = new TimestampRouter();
    router.configure({});
    // Act
    const routed = router.apply(sourceRecord({ topic: 'test', timestamp: 1483425001864 }));
    // Assess
    expect(routed?.topic).toBe('test-20170103');
  });

  it('uses the configured topic and timestamp formats', () => {
    // Prepare
    const router = new TimestampRouter();
    router.configure({ 'topic.format': 'logs_${timestamp}_${topic}', 'timestamp.format': "yyyy-MM-dd'T'HH" });
    // Act
    const routed = router.apply(sourceRecord({ topic: 'app', timestamp: 1483425001864 }));
    // Assess
    expect(routed?.topic).toBe('logs_2017-01-03T06_app');
  });

  it('takes a topic holding $ literally', () => {
    // Prepare
    const router = new TimestampRouter();
    router.configure({});
    // Act
    const routed = router.apply(sourceRecord({ topic: 'a$&b', timestamp: 0 }));
    // Assess
    expect(routed?.topic).toBe('a$&b-19700101');
  });

  it('fails for a record without a timestamp', () => {
    // Prepare
    const router = new TimestampRouter();
    router.configure({});
    // Act
    const act = () => router.apply(sourceRecord({ topic: 'test', timestamp: null }));
    // Assess
    expect(act).toThrow(DataError);
    expect(act).toThrow(/^Timestamp missing on record: /);
  });
});
