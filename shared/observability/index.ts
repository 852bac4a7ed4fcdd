export { isLogLevelName, LOG_LEVELS, LoggerRegistry, type LogLevelName, ROOT_LOGGER } from './loggers';
export { ConnectMetric, EmfMetrics, type EmfMetricsOptions, METRICS_NAMESPACE, type MetricDimensions } from './metrics';
export { redact } from './redact';
