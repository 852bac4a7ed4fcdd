import {
  type ConfigDef,
  ConnectError,
  type PluginClass,
  RetriableError,
  SinkConnector,
  type SinkRecord,
  SinkTask,
  type SinkTaskContext,
  type Task,
  type TopicPartitionOffset,
} from '../../../shared/api';
import { FileStreamSinkConnector, FileStreamSinkTask } from '../../../shared/connectors/file';

/**
 * Failures still to inject per sink file, as an external system's state: it outlives task
 * instances and containers, so a redelivery in a new container sees the same outage.
 */
export const sinkOutages = new Map<string, { failures: number; error: 'retriable' | 'fatal'; puts: number }>();

/** A sink task that writes through Kafka's FileStreamSinkTask, with a hook before each put. */
abstract class FileSinkTaskWrapper extends SinkTask {
  protected readonly file = new FileStreamSinkTask();
  protected filename = '';

  version(): string {
    return this.file.version();
  }

  override initialize(context: SinkTaskContext): void {
    super.initialize(context);
    this.file.initialize(context);
  }

  async start(props: Readonly<Record<string, string>>): Promise<void> {
    this.filename = props.file ?? '';
    await this.file.start(props);
  }

  override flush(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    return this.file.flush(offsets);
  }

  stop(): Promise<void> {
    return this.file.stop();
  }
}

/**
 * put() throws before writing anything while its file's outage lasts: a RetriableError ("the
 * system is unavailable") or a fatal ConnectError; then it writes as FileStreamSinkTask does.
 */
export class FlakyFileSinkTask extends FileSinkTaskWrapper {
  static readonly className = 'test.FlakyFileSinkTask';

  async put(records: readonly SinkRecord[]): Promise<void> {
    const outage = sinkOutages.get(this.filename);
    if (outage) outage.puts++;
    if (outage && outage.failures > 0) {
      outage.failures--;
      if (outage.error === 'retriable') throw new RetriableError('The sink system is unavailable');
      throw new ConnectError('The sink system rejected the batch');
    }
    await this.file.put(records);
  }
}

/** Reports every record whose value starts with "bad" through its ErrantRecordReporter (KIP-610) and writes the others. */
export class ReportingFileSinkTask extends FileSinkTaskWrapper {
  static readonly className = 'test.ReportingFileSinkTask';

  async put(records: readonly SinkRecord[]): Promise<void> {
    const good: SinkRecord[] = [];
    for (const record of records) {
      if (!String(record.value).startsWith('bad')) {
        good.push(record);
        continue;
      }
      const reporter = this.context?.errantRecordReporter();
      if (!reporter) throw new ConnectError('No errant record reporter');
      await reporter.report(record, new ConnectError(`Cannot write ${String(record.value)}`));
    }
    await this.file.put(good);
  }
}

/** A FileStreamSinkConnector whose tasks are of another class. */
abstract class FileSinkConnectorWrapper extends SinkConnector {
  private readonly file = new FileStreamSinkConnector();

  version(): string {
    return this.file.version();
  }

  start(props: Readonly<Record<string, string>>): void {
    this.file.start(props);
  }

  taskConfigs(maxTasks: number): Record<string, string>[] {
    return this.file.taskConfigs(maxTasks);
  }

  stop(): void {}

  config(): ConfigDef {
    return this.file.config();
  }
}

export class FlakyFileSinkConnector extends FileSinkConnectorWrapper {
  static readonly className = 'test.FlakyFileSinkConnector';

  taskClass(): PluginClass<Task> {
    return FlakyFileSinkTask;
  }
}

export class ReportingFileSinkConnector extends FileSinkConnectorWrapper {
  static readonly className = 'test.ReportingFileSinkConnector';

  taskClass(): PluginClass<Task> {
    return ReportingFileSinkTask;
  }
}
