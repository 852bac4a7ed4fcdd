/**
 * `npm start`: Kafka Connect on one machine, no AWS account and no Docker. Environment:
 * CONNECT_DATA_DIR (./.data), CONNECT_REST_PORT (8083), KAFKA_PORT (9092), KAFKA_BOOTSTRAP_SERVERS
 * (use that Kafka instead of the dev broker), AWS_ENDPOINT_URL_DYNAMODB (use that DynamoDB instead
 * of dynalite), CONNECT_LOG_LEVEL (INFO). SIGINT or SIGTERM stops it cleanly.
 *
 * `npm start` passes --disable-warning=TimeoutNegativeWarning: kafkajs 2.2.4's request queue arms a
 * negative timer when it is not throttled (harmless; Node only warns), which would print on every start.
 */
import { ENV, optionalEnv } from '../shared/env';
import { isLogLevelName } from '../shared/observability';
import { startLocalRuntime } from './runtime';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

const level = (process.env.CONNECT_LOG_LEVEL ?? 'INFO').toUpperCase();
if (!isLogLevelName(level))
  throw new Error(`CONNECT_LOG_LEVEL must be a log level such as INFO or DEBUG, got "${level}"`);

const runtime = await startLocalRuntime({
  dataDir: optionalEnv(ENV.dataDir, '.data'),
  restPort: port(ENV.restPort, 8083),
  kafkaPort: port(ENV.kafkaPort, 9092),
  bootstrapServers: process.env[ENV.bootstrapServers] || undefined,
  // The AWS SDK's own per-service endpoint variable (LocalStack users set it).
  dynamoDbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB || undefined,
  logLevel: level,
});

console.log(
  `Kafka Connect is ready: REST API ${runtime.restUrl} | Kafka ${runtime.bootstrapServers} | data ${optionalEnv(ENV.dataDir, '.data')}`,
);

// `process.on`, not `once`: a signal often arrives twice (Ctrl-C reaches the whole process group,
// and tsx relays it to this process as well), and Node's default action for the second one would
// kill the process in the middle of stopping (leases held, offsets not committed).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Kafka Connect`);
    runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('failed to stop cleanly', err);
        process.exit(1);
      },
    );
  });
}
