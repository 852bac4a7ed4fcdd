/**
 * Kafka's FileStream connectors (connect/file): a source that streams lines appended to a file into
 * a topic, and a sink that appends record values to a file. Imports only the plugin contract.
 */
import { FileStreamSinkConnector } from './file-stream-sink-connector';
import { FileStreamSourceConnector } from './file-stream-source-connector';

export {
  DEFAULT_TASK_BATCH_SIZE,
  FILE_CONFIG,
  FILENAME_FIELD,
  POSITION_FIELD,
  SINK_CONFIG_DEF,
  SOURCE_CONFIG_DEF,
  TASK_BATCH_SIZE_CONFIG,
  TOPIC_CONFIG,
} from './file-stream-config';
export { FileStreamSinkConnector } from './file-stream-sink-connector';
export { FileStreamSinkTask, type FileStreamSinkTaskOptions } from './file-stream-sink-task';
export { FileStreamSourceConnector } from './file-stream-source-connector';
export { FileStreamSourceTask, type FileStreamSourceTaskOptions, IDLE_WAIT_MS } from './file-stream-source-task';

/** The connectors of this folder, for the plugin registry. */
export const FILE_CONNECTOR_CLASSES = [FileStreamSourceConnector, FileStreamSinkConnector];
