export { isLogLevelName, LOG_LEVELS, LoggerRegistry, type LogLevelName, ROOT_LOGGER } from './loggers';
export { redact } from './redact';
