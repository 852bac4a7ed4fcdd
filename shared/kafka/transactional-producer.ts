import type { Kafka, Producer, Transaction } from 'kafkajs';
import { ConnectError } from '../api';
import { isProducerFenced, ProducerFencedError } from './errors';
import { PartitionTracker, type ProducerRecord, type RecordAck } from './producer';

/**
 * A producer that writes in Kafka transactions (Kafka's KafkaProducer with a transactional.id).
 * Calls follow Kafka's order: initTransactions() once, then beginTransaction(), send()…,
 * commitTransaction() or abortTransaction(), and again. Not safe for concurrent use.
 * Every method rejects with ProducerFencedError once a newer producer initialized the same
 * transactional id; the producer is then useless and should be closed.
 */
export interface TransactionalProducer {
  readonly transactionalId: string;
  /**
   * Kafka's initTransactions(): InitProducerId for the transactional id, which bumps its epoch. Any
   * older producer with the id is fenced from then on, and a transaction it left open is aborted
   * (its records never become visible to read_committed consumers).
   */
  initTransactions(): Promise<void>;
  beginTransaction(): Promise<void>;
  /** Sends within the open transaction; resolves with one ack per record in input order (as KafkaProducer.send). */
  send(records: readonly ProducerRecord[]): Promise<RecordAck[]>;
  /** Commits the open transaction: its records become visible to read_committed consumers, atomically. */
  commitTransaction(): Promise<void>;
  /** Aborts the open transaction, if any: its records are never visible to read_committed consumers. */
  abortTransaction(): Promise<void>;
  close(): Promise<void>;
}

export interface TransactionalProducerOptions {
  /** transaction.timeout.ms: the broker aborts a transaction left open longer (kafkajs's default 60000). */
  readonly transactionTimeoutMs?: number;
}

/**
 * TransactionalProducer over a kafkajs producer (idempotent, acks=all, one request in flight, the
 * Java client's partitioner). kafkajs initializes the transactional producer id with the first
 * transaction, so initTransactions() opens and aborts an empty one, which sends only InitProducerId.
 */
export class KafkaJsTransactionalProducer implements TransactionalProducer {
  private readonly tracker = new PartitionTracker();
  private readonly producer: Producer;
  private connected = false;
  private transaction: Transaction | null = null;
  private fenced: ProducerFencedError | null = null;

  constructor(
    kafka: Kafka,
    readonly transactionalId: string,
    options: TransactionalProducerOptions = {},
  ) {
    this.producer = kafka.producer({
      transactionalId,
      transactionTimeout: options.transactionTimeoutMs,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: this.tracker.createPartitioner,
    });
  }

  async initTransactions(): Promise<void> {
    await this.call(async () => {
      if (!this.connected) {
        await this.producer.connect();
        this.connected = true;
      }
      const empty = await this.producer.transaction();
      await empty.abort();
    });
  }

  async beginTransaction(): Promise<void> {
    if (this.transaction) throw new ConnectError(`A transaction of ${this.transactionalId} is already open`);
    this.transaction = await this.call(() => this.producer.transaction());
  }

  async send(records: readonly ProducerRecord[]): Promise<RecordAck[]> {
    const transaction = this.open();
    if (records.length === 0) return [];
    const { topicMessages, messages } = this.tracker.batch(records);
    const metadata = await this.call(() => transaction.sendBatch({ acks: -1, topicMessages }));
    return this.tracker.acks(records, messages, metadata);
  }

  async commitTransaction(): Promise<void> {
    const transaction = this.open();
    await this.call(() => transaction.commit());
    this.transaction = null;
  }

  async abortTransaction(): Promise<void> {
    const transaction = this.transaction;
    if (!transaction) return;
    await this.call(() => transaction.abort());
    this.transaction = null;
  }

  async close(): Promise<void> {
    this.transaction = null;
    if (this.connected) await this.producer.disconnect();
    this.connected = false;
  }

  private open(): Transaction {
    if (this.fenced) throw this.fenced;
    if (!this.transaction) throw new ConnectError(`No transaction of ${this.transactionalId} is open`);
    return this.transaction;
  }

  /** Runs a kafkajs call, turning the broker's fencing errors into ProducerFencedError (kept for later calls). */
  private async call<T>(op: () => Promise<T>): Promise<T> {
    if (this.fenced) throw this.fenced;
    try {
      return await op();
    } catch (err) {
      if (!isProducerFenced(err)) throw err;
      this.fenced = new ProducerFencedError(this.transactionalId, { cause: err });
      this.transaction = null;
      throw this.fenced;
    }
  }
}
