import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { readText as read, textDifference } from './support/files';
import { consumeAll } from './support/kcat';
import { states } from './support/rest';
import { type E2eRuntime, removeDir, startRuntime, tempDir } from './support/runtime';

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

/** The three ways the pair is wired, and how the first line ("hello") looks in the topic. */
const PIPELINES = [
  {
    name: 'json-schemas',
    converters: {
      'key.converter': JSON_CONVERTER,
      'value.converter': JSON_CONVERTER,
      'value.converter.schemas.enable': 'true',
    },
    firstInTopic: '{"schema":{"type":"string","optional":false},"payload":"hello"}',
  },
  {
    name: 'json-plain',
    converters: {
      'key.converter': JSON_CONVERTER,
      'value.converter': JSON_CONVERTER,
      'value.converter.schemas.enable': 'false',
    },
    firstInTopic: '"hello"',
  },
  {
    name: 'string',
    converters: { 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER },
    firstInTopic: 'hello',
  },
] as const;

/** Lines that test the converters: quotes, backslashes, tabs, multi-byte UTF-8, JSON-looking text, blank lines. */
const TRICKY_LINES = [
  'hello',
  'with "quotes" and \\backslashes\\',
  'tab\there',
  'héllo wörld ✓ 🚀',
  '{"looks":"like json","n":1}',
  '',
  'null',
  '42',
  '   spaces around   ',
];

function lines(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${prefix} line ${i} ${'x'.repeat(i % 40)}\n`).join('');
}

describe('the FileStream pair on the local runtime', () => {
  const dir = tempDir('restart');
  const dataDir = join(dir, 'data');
  let rt: E2eRuntime | null = null;

  afterAll(async () => {
    await rt?.runtime.stop();
    removeDir(dir);
  });

  it('copies a file byte for byte through JsonConverter (schemas on and off) and StringConverter across a restart of the whole runtime', async () => {
    // Prepare
    rt = await startRuntime(dataDir);
    const before = `${TRICKY_LINES.join('\n')}\n${lines('before', 200)}`;
    for (const p of PIPELINES) {
      writeFileSync(join(dir, `${p.name}.in`), before);
      await rt.rest.create(`${p.name}-source`, {
        'connector.class': 'FileStreamSource',
        file: join(dir, `${p.name}.in`),
        topic: `${p.name}-lines`,
        'batch.size': '50',
        ...p.converters,
      });
      await rt.rest.create(`${p.name}-sink`, {
        'connector.class': 'FileStreamSink',
        file: join(dir, `${p.name}.out`),
        topics: `${p.name}-lines`,
        ...p.converters,
      });
    }
    // A paused and a stopped connector must come back paused and stopped.
    writeFileSync(join(dir, 'idle.in'), 'idle\n');
    for (const [name, initial_state] of [
      ['paused-source', 'PAUSED'],
      ['stopped-source', 'STOPPED'],
    ]) {
      const res = await rt.rest.post('/connectors', {
        name,
        config: { 'connector.class': 'FileStreamSource', file: join(dir, 'idle.in'), topic: `${name}-lines` },
        initial_state,
      });
      expect(res.status).toBe(201);
    }
    for (const p of PIPELINES) {
      await waitFor(() => expect(read(join(dir, `${p.name}.out`))).toBe(before));
    }

    // Act: more lines arrive, the runtime stops while they flow, and more arrive while it is down.
    const during = lines('during', 3000);
    for (const p of PIPELINES) appendFileSync(join(dir, `${p.name}.in`), during);
    await waitFor(() => {
      for (const p of PIPELINES) expect(read(join(dir, `${p.name}.out`)).length).toBeGreaterThan(before.length);
    });
    await rt.runtime.stop();
    rt = null;
    const whileDown = lines('while down', 100);
    for (const p of PIPELINES) appendFileSync(join(dir, `${p.name}.in`), whileDown);
    rt = await startRuntime(dataDir);
    const all = before + during + whileDown;

    // Assess
    for (const p of PIPELINES) {
      const out = join(dir, `${p.name}.out`);
      await waitFor(() => expect(read(out).length).toBeGreaterThanOrEqual(all.length), { timeoutMs: 60_000 });
      expect(textDifference(read(out), all)).toBeNull();
    }
    const lineCount = all.split('\n').length - 1;
    for (const p of PIPELINES) {
      const topic = await consumeAll(rt.bootstrap, `${p.name}-lines`);
      expect(topic.length).toBe(lineCount); // the source produced each line once
      expect(topic[0]?.payload).toBe(p.firstInTopic);
    }
    expect(states(await rt.rest.status('paused-source'))).toBe('PAUSED/PAUSED');
    expect(states(await rt.rest.status('stopped-source'))).toBe('STOPPED/');
    expect(await consumeAll(rt.bootstrap, 'paused-source-lines')).toEqual([]);
    expect(await consumeAll(rt.bootstrap, 'stopped-source-lines')).toEqual([]);
  });
});
