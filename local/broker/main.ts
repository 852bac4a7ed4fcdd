/**
 * `npm run broker`: the dev broker alone, on 127.0.0.1:9092 (KAFKA_PORT to change it), keeping its data
 * under CONNECT_DATA_DIR/kafka (CONNECT_DATA_DIR defaults to ./.data, shared with the local runtime's
 * other parts). SIGINT or SIGTERM stops it cleanly.
 */
import { join, resolve } from 'node:path';
import { LogLevel, startBroker } from './index';

const ENV = {
  port: 'KAFKA_PORT',
  dataDir: 'CONNECT_DATA_DIR',
  logLevel: 'KAFKA_LOG_LEVEL',
  defaultPartitions: 'KAFKA_NUM_PARTITIONS',
} as const;

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function logLevelFrom(name: string): LogLevel {
  const raw = process.env[name] ?? LogLevel.INFO;
  const levels: string[] = Object.values(LogLevel);
  if (!levels.includes(raw)) throw new Error(`${name} must be one of ${levels.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

const broker = await startBroker({
  port: numberFrom(ENV.port, 9092),
  dataDir: join(resolve(process.env[ENV.dataDir] || '.data'), 'kafka'),
  defaultPartitions: Math.max(1, numberFrom(ENV.defaultPartitions, 1)),
  logLevel: logLevelFrom(ENV.logLevel),
});
console.log(`Kafka dev broker on ${broker.bootstrap} (cluster ${broker.clusterId}, data in ${broker.dataDir})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    broker.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('failed to stop the broker cleanly', err);
        process.exit(1);
      },
    );
  });
}
