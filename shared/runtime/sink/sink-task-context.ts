import type { ErrantRecordReporter, SinkTaskContext, TopicPartition, TopicPartitionOffset } from '../../api';

/**
 * What a sink task may ask of the runtime, in a serverless invocation. The event source mapping
 * owns consumption, so rewinds, pauses and commit requests have nothing to act on: they are
 * accepted and logged, as a task written for Kafka Connect expects.
 */
export class ServerlessSinkTaskContext implements SinkTaskContext {
  private partitions: TopicPartition[] = [];
  private reporter: ErrantRecordReporter | null = null;
  /** The delay a task asked for before its batch is retried (with a RetriableError). */
  requestedTimeoutMs: number | null = null;

  constructor(
    private readonly taskConfig: Readonly<Record<string, string>>,
    private readonly warn: (message: string) => void,
  ) {}

  /** Set per invocation: the partitions being delivered and the DLQ reporter of this batch. */
  bind(partitions: TopicPartition[], reporter: ErrantRecordReporter | null): void {
    this.partitions = partitions;
    this.reporter = reporter;
    this.requestedTimeoutMs = null;
  }

  configs(): Readonly<Record<string, string>> {
    return this.taskConfig;
  }

  offsets(offsets: readonly TopicPartitionOffset[]): void {
    if (offsets.length > 0) {
      this.warn('A sink task asked to rewind offsets; the event source mapping delivers in order and cannot seek');
    }
  }

  timeout(timeoutMs: number): void {
    this.requestedTimeoutMs = timeoutMs;
  }

  assignment(): readonly TopicPartition[] {
    return this.partitions;
  }

  pause(..._partitions: TopicPartition[]): void {}

  resume(..._partitions: TopicPartition[]): void {}

  requestCommit(): void {}

  errantRecordReporter(): ErrantRecordReporter | null {
    return this.reporter;
  }
}
