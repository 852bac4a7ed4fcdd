import { execFile } from 'node:child_process';

/** kcat, the librdkafka command-line client: the independent Kafka client of the e2e tests. */
const KCAT = process.env.KCAT ?? 'kcat';

export interface ProduceOptions {
  /** Sent as `key<TAB>value` lines (kcat -K). */
  keys?: readonly string[];
  /** Headers added to every message (kcat -H). */
  headers?: Readonly<Record<string, string>>;
  partition?: number;
}

/** Produces one message per value (values must not contain a newline), waiting for the acks. */
export async function produce(
  bootstrap: string,
  topic: string,
  values: readonly string[],
  options: ProduceOptions = {},
): Promise<void> {
  const args = ['-P', '-b', bootstrap, '-t', topic, '-X', 'acks=all', '-c', String(values.length)];
  if (options.partition !== undefined) args.push('-p', String(options.partition));
  for (const [key, value] of Object.entries(options.headers ?? {})) args.push('-H', `${key}=${value}`);
  let input = values.map((v) => `${v}\n`).join('');
  if (options.keys) {
    args.push('-K', '\t');
    input = values.map((v, i) => `${options.keys?.[i] ?? ''}\t${v}\n`).join('');
  }
  await run(args, input);
}

/** A message as `kcat -J` prints it. */
export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  /** Alternating names and values, as kcat prints them. */
  headers?: string[];
}

/** Every message now in the topic (all partitions), from the beginning; [] when it does not exist. */
export async function consumeAll(bootstrap: string, topic: string): Promise<ConsumedMessage[]> {
  let out: string;
  try {
    out = await run(['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-J']);
  } catch (err) {
    if (String(err).includes('Unknown topic or partition')) return [];
    throw err;
  }
  return out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ConsumedMessage)
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** The headers of a consumed message as a map (the last value of a repeated name wins). */
export function headersOf(message: ConsumedMessage): Record<string, string> {
  const result: Record<string, string> = {};
  const flat = message.headers ?? [];
  for (let i = 0; i + 1 < flat.length; i += 2) result[flat[i] as string] = flat[i + 1] as string;
  return result;
}

function run(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(KCAT, args, { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kcat ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
