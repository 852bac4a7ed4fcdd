/**
 * The Platform port on AWS: per sink connector a Lambda alias of the sink function and one Kafka
 * event source mapping per topic; per source connector a Scheduler schedule group with one
 * schedule per task. Plus the herder signal over Lambda and the alias-to-connector resolver that
 * the sink function uses.
 */
export { SinkAliasResolver, type SinkAliasResolverOptions } from './alias-resolver';
export type { RetryOptions } from './aws-calls';
export { AwsPlatform, type AwsPlatformOptions, type ManagedResourceCounts, type TopicLister } from './aws-platform';
export type { EventSourceAuth, KafkaEventSource } from './kafka-event-source';
export { LambdaHerderSignal, type LambdaHerderSignalOptions } from './lambda-herder-signal';
export { scheduleGroupName, sinkAliasName, taskScheduleName } from './names';
export { aliasDescription, type SinkOptions } from './sink-resources';
export { MANAGED_BY_TAG, type PlatformLogger, type SourceOptions } from './source-schedules';
