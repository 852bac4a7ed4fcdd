/**
 * A unit of work of a connector (Kafka's Task). Lifecycle: start(props) -> (poll | put)* -> stop.
 */
export interface Task {
  version(): string;
  start(props: Readonly<Record<string, string>>): void | Promise<void>;
  stop(): void | Promise<void>;
}
