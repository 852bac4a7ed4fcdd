import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { readText } from './support/files';
import { consumeAll, produce } from './support/kcat';
import { states } from './support/rest';
import { type E2eRuntime, removeDir, startRuntime, tempDir } from './support/runtime';

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

describe('transformations and topic subscriptions on the local runtime', () => {
  const dir = tempDir('smt');
  let rt: E2eRuntime;

  beforeAll(async () => {
    rt = await startRuntime(join(dir, 'data'));
  });

  afterAll(async () => {
    await rt?.runtime.stop();
    removeDir(dir);
  });

  it("a source's transformation chain shapes, tags and reroutes its records, and a sink's chain takes them apart again", async () => {
    // Prepare
    const input = join(dir, 'smt.in');
    const output = join(dir, 'smt.out');
    writeFileSync(input, 'hello\nwörld\n');
    const json = {
      'key.converter': JSON_CONVERTER,
      'value.converter': JSON_CONVERTER,
      'value.converter.schemas.enable': 'true',
    };

    // Act
    await rt.rest.create('smt-source', {
      'connector.class': 'FileStreamSource',
      file: input,
      topic: 'smt-raw',
      ...json,
      transforms: 'hoist,tag,route',
      'transforms.hoist.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
      'transforms.hoist.field': 'line',
      'transforms.tag.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
      'transforms.tag.static.field': 'source',
      'transforms.tag.static.value': 'e2e',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': '(.*)-raw',
      'transforms.route.replacement': '$1-shaped',
      'transforms.route.predicate': 'isRaw',
      predicates: 'isRaw',
      'predicates.isRaw.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.isRaw.pattern': '.*-raw',
    });
    await rt.rest.create('smt-sink', {
      'connector.class': 'FileStreamSink',
      file: output,
      topics: 'smt-shaped',
      ...json,
      transforms: 'unwrap',
      'transforms.unwrap.type': 'org.apache.kafka.connect.transforms.ExtractField$Value',
      'transforms.unwrap.field': 'line',
    });

    // Assess
    const schema =
      '{"type":"struct","fields":[{"type":"string","optional":false,"field":"line"},{"type":"string","optional":true,"field":"source"}],"optional":false}';
    await waitFor(async () =>
      expect((await consumeAll(rt.bootstrap, 'smt-shaped')).map((m) => m.payload)).toEqual([
        `{"schema":${schema},"payload":{"line":"hello","source":"e2e"}}`,
        `{"schema":${schema},"payload":{"line":"wörld","source":"e2e"}}`,
      ]),
    );
    expect(await consumeAll(rt.bootstrap, 'smt-raw')).toEqual([]);
    await waitFor(() => expect(readText(output)).toBe('hello\nwörld\n'));
    expect(states(await rt.rest.status('smt-source'))).toBe('RUNNING/RUNNING');
  });

  it('a sink subscribed by topics.regex starts consuming a matching topic created after it, without re-reading the topics it had', async () => {
    // Prepare
    const output = join(dir, 'regex.out');
    await produce(rt.bootstrap, 'regex-a', ['a0', 'a1']);
    await produce(rt.bootstrap, 'unrelated', ['x0']);
    await rt.rest.create('regex-sink', {
      'connector.class': 'FileStreamSink',
      file: output,
      'topics.regex': 'regex-.*',
      'key.converter': STRING_CONVERTER,
      'value.converter': STRING_CONVERTER,
    });
    await waitFor(() => expect(readText(output)).toBe('a0\na1\n'));

    // Act
    await produce(rt.bootstrap, 'regex-b', ['b0', 'b1']);
    await waitFor(() => expect(readText(output)).toBe('a0\na1\nb0\nb1\n'));
    await produce(rt.bootstrap, 'regex-a', ['a2']);

    // Assess
    await waitFor(() => expect(readText(output).length).toBeGreaterThanOrEqual('a0\na1\nb0\nb1\na2\n'.length));
    expect(readText(output)).toBe('a0\na1\nb0\nb1\na2\n');
    const topics = await rt.rest.get('/connectors/regex-sink/topics');
    expect(topics.body).toEqual({ 'regex-sink': { topics: ['regex-a', 'regex-b'] } });
    expect(states(await rt.rest.status('regex-sink'))).toBe('RUNNING/RUNNING');
  });
});
