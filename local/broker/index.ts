/**
 * The Kafka-protocol dev broker: a one-node Kafka for local development and tests, which real
 * clients (kafkajs, librdkafka/kcat, @platformatic/kafka) talk to. `npm run broker` runs ./main.ts;
 * the local runtime and tests call startBroker().
 */
export { type BrokerOptions, type RunningBroker, startBroker } from './broker';
export { type Clock, ManualClock, systemClock } from './clock';
export { BrokerError, KafkaApiError, ProtocolError, StorageError } from './errors';
export { type BrokerLogger, consoleLogger, LogLevel, silentLogger } from './logger';
export { ApiKey, ErrorCode, errorName } from './protocol';
