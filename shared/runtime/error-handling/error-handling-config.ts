import { ToleranceType } from './stage';

/** The connector's errors.* settings, parsed (defaults are Kafka's). */
export interface ErrorHandlingConfig {
  readonly retryTimeoutMs: number;
  readonly retryDelayMaxMs: number;
  readonly tolerance: ToleranceType;
  readonly logEnable: boolean;
  readonly logIncludeMessages: boolean;
  /** Sinks only: blank means no dead letter queue. */
  readonly dlqTopic: string;
  /** errors.deadletterqueue.topic.replication.factor, for creating the DLQ topic (Kafka's default 3). */
  readonly dlqReplicationFactor: number;
  readonly dlqContextHeaders: boolean;
}

/**
 * Reads errors.* from a connector config already validated by ConnectorConfig, so values are
 * well-formed; defaults apply to absent keys.
 */
export function errorHandlingConfig(config: Readonly<Record<string, string>>): ErrorHandlingConfig {
  const bool = (key: string) => config[key]?.trim().toLowerCase() === 'true';
  const num = (key: string, fallback: number) => {
    const text = config[key]?.trim();
    return text ? Number(text) : fallback;
  };
  return {
    retryTimeoutMs: num('errors.retry.timeout', 0),
    retryDelayMaxMs: num('errors.retry.delay.max.ms', 60_000),
    tolerance: config['errors.tolerance']?.trim().toLowerCase() === 'all' ? ToleranceType.ALL : ToleranceType.NONE,
    logEnable: bool('errors.log.enable'),
    logIncludeMessages: bool('errors.log.include.messages'),
    dlqTopic: config['errors.deadletterqueue.topic.name']?.trim() ?? '',
    dlqReplicationFactor: num('errors.deadletterqueue.topic.replication.factor', 3),
    dlqContextHeaders: bool('errors.deadletterqueue.context.headers.enable'),
  };
}
