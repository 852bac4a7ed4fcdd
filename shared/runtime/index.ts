/** The engine: REST entities and errors, the herder's command surface, pipelines and validation. */
export * from './error-handling';
export { TransformationStageError } from './errors';
export type { ConnectService, ExpandedConnector } from './herder/connect-service';
export { sinkConsumerGroup } from './herder/consumer-groups';
export { Herder, type HerderDeps, type ReconcileOptions, reverseTransform, tooManyTasksMessage } from './herder/herder';
export {
  HerderConnectService,
  type HerderConnectServiceDeps,
} from './herder/herder-connect-service';
export type { DesiredConnector, Platform } from './herder/platform';
export type { ConfigInfosLike, HerderSignal, PluginCatalog } from './herder/ports';
export { DEFAULT_WORKER_CONVERTERS, PluginTaskFactory, type WorkerConverterConfig } from './plugin-task-factory';
export * from './rest';
export { type RemainingTime, SinkPipeline, type SinkPipelineDeps } from './sink/sink-pipeline';
export { SourceLoop, type SourceLoopDeps, type SourceRunOutcome, type SourceTaskPayload } from './source/source-loop';
export { ServerlessSourceTaskContext, StoreOffsetReader } from './source/source-task-context';
export { type NewTopicSettings, newTopicSettings } from './source/topic-creation';
export { traceOf } from './status-trace';
export type {
  Named,
  RecordTransformer,
  TaskConverters,
  TaskPlugins,
} from './task-plugins';
export {
  TransformationChain,
  type TransformationResolver,
  type TransformationStage,
  transformationChainFrom,
} from './transformation-chain';
export * from './validation';
