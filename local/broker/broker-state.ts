import type { Clock } from './clock';
import type { GroupCoordinator } from './groups';
import type { LogManager } from './log';
import type { BrokerLogger } from './logger';
import type { TransactionCoordinator } from './transactions';

/** The broker's settings, resolved from BrokerOptions (./index.ts) and the data directory. */
export interface BrokerConfig {
  readonly nodeId: number;
  readonly clusterId: string;
  /** auto.create.topics.enable: Metadata requests create unknown topics. */
  readonly autoCreateTopics: boolean;
  /** num.partitions: the partition count of auto-created topics and of CreateTopics asking for -1. */
  readonly defaultPartitions: number;
}

/** Everything a request handler works with. */
export interface BrokerState {
  readonly config: BrokerConfig;
  readonly clock: Clock;
  readonly logger: BrokerLogger;
  readonly logs: LogManager;
  readonly groups: GroupCoordinator;
  readonly transactions: TransactionCoordinator;
}
