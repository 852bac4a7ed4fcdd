import { Connector } from '../connector/connector';

/** A connector that writes Kafka topics to an external system (Kafka's SinkConnector). */
export abstract class SinkConnector extends Connector {
  static readonly TOPICS_CONFIG = 'topics';

  /**
   * Called when a user alters or resets (offset null) this connector's consumer offsets, so a
   * connector that keeps its own offsets can follow. Returns true when handled; the default, false,
   * still allows the change. Throw to refuse it.
   */
  alterOffsets(
    _config: Readonly<Record<string, string>>,
    _offsets: ReadonlyArray<{ topic: string; partition: number; offset: number | null }>,
  ): boolean | Promise<boolean> {
    return false;
  }
}
