/**
 * The one error tree of the project, rooted in the plugin contract (Kafka's ConnectException and
 * friends). Retriability is a class, context is a field, and every error keeps its `cause`.
 */
export class ConnectError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConnectError';
  }
}

/** The operation may succeed if repeated; the runtime retries it with backoff (Kafka's RetriableException). */
export class RetriableError extends ConnectError {
  override name = 'RetriableError';
}

/** A value does not fit a schema or a converter's format (Kafka's DataException). */
export class DataError extends ConnectError {
  override name = 'DataError';
}

/** Values do not match their schema (Kafka's SchemaBuilderException / SchemaProjectorException). */
export class SchemaError extends DataError {
  override name = 'SchemaError';
}

/** A configuration is invalid (Kafka's ConfigException). `key` names the offending key when known. */
export class ConfigError extends ConnectError {
  override name = 'ConfigError';
  readonly key?: string;
  readonly value?: unknown;

  constructor(message: string, options?: ErrorOptions & { key?: string; value?: unknown }) {
    super(message, options);
    this.key = options?.key;
    this.value = options?.value;
  }

  /** Kafka's `new ConfigException(name, value, message)` text: "Invalid value V for configuration K: M". */
  static invalidValue(key: string, value: unknown, message?: string): ConfigError {
    const text = `Invalid value ${javaString(value)} for configuration ${key}${message ? `: ${message}` : ''}`;
    return new ConfigError(text, { key, value });
  }
}

/** A named thing (connector, task, plugin) does not exist: REST 404. */
export class NotFoundError extends ConnectError {
  override name = 'NotFoundError';
}

/** A named thing already exists: REST 409. */
export class AlreadyExistsError extends ConnectError {
  override name = 'AlreadyExistsError';
}

/** A request is malformed or not allowed in the current state: REST 400. */
export class BadRequestError extends ConnectError {
  override name = 'BadRequestError';
}

/** A request conflicts with a concurrent change (stale generation, rebalance in progress): REST 409. */
export class ConflictError extends ConnectError {
  override name = 'ConflictError';
}

/** An operation is not supported by this plugin or platform (Kafka's UnsupportedOperationException). */
export class UnsupportedOperationError extends ConnectError {
  override name = 'UnsupportedOperationError';
}

/** Java's String.valueOf for error texts: null prints as "null", lists as "[a, b]". */
function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  return String(value);
}
