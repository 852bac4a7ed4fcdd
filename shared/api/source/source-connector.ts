import { Connector } from '../connector/connector';
import type { SourceOffset, SourcePartition } from './source-record';

/** Whether a source connector can give exactly-once delivery (Kafka's ExactlyOnceSupport). */
export const ExactlyOnceSupport = { SUPPORTED: 'SUPPORTED', UNSUPPORTED: 'UNSUPPORTED' } as const;
export type ExactlyOnceSupport = (typeof ExactlyOnceSupport)[keyof typeof ExactlyOnceSupport];

/** Whether a source connector can define its own transaction boundaries (Kafka's ConnectorTransactionBoundaries). */
export const ConnectorTransactionBoundaries = { SUPPORTED: 'SUPPORTED', UNSUPPORTED: 'UNSUPPORTED' } as const;
export type ConnectorTransactionBoundaries =
  (typeof ConnectorTransactionBoundaries)[keyof typeof ConnectorTransactionBoundaries];

/** A connector that reads an external system into Kafka (Kafka's SourceConnector). */
export abstract class SourceConnector extends Connector {
  /** null means the connector does not say (the runtime treats it as unsupported when required). */
  exactlyOnceSupport(_connectorConfig: Readonly<Record<string, string>>): ExactlyOnceSupport | null {
    return null;
  }

  canDefineTransactionBoundaries(_connectorConfig: Readonly<Record<string, string>>): ConnectorTransactionBoundaries {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }

  /**
   * Called when a user alters or resets (offset null) source offsets through the REST API. Returns
   * true when the connector checked them; the default, false, still allows the change. Throw
   * ConnectError (e.g. BadRequestError) to refuse it with a message.
   */
  alterOffsets(
    _config: Readonly<Record<string, string>>,
    _offsets: ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset | null }>,
  ): boolean | Promise<boolean> {
    return false;
  }
}
