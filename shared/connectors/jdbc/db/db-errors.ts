import { ConnectError, DataError, RetriableError } from '../../../api';

/** Node and driver error codes of a broken, refused or lost connection. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
]);

/** pg's messages for connection failures it raises without a code. */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'connect ETIMEDOUT',
];

/**
 * SQLSTATE classes and codes that may pass when the statement runs again: connection exceptions
 * (08), insufficient resources (53), operator intervention (57P01-57P03: shutdown, crash, starting
 * up), serialization failures and deadlocks (40001, 40P01), lock timeouts (55P03).
 */
function transientState(state: string): boolean {
  return (
    state.startsWith('08') ||
    state.startsWith('53') ||
    ['57P01', '57P02', '57P03', '40001', '40P01', '55P03', 'HYT00'].includes(state)
  );
}

interface DriverError {
  code?: unknown;
  sqlState?: unknown;
  errno?: unknown;
  fatal?: unknown;
  message?: unknown;
  detail?: unknown;
  column?: unknown;
  table?: unknown;
  schema?: unknown;
  constraint?: unknown;
}

/** The SQLSTATE of a pg or mysql2 error, or null when it has none (e.g. a network error). */
export function sqlStateOf(err: unknown): string | null {
  const e = err as DriverError | null;
  if (!e || typeof e !== 'object') return null;
  if (typeof e.sqlState === 'string' && e.sqlState.length === 5) return e.sqlState;
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return null;
}

/** Whether a driver error is about the connection (or a transient condition), not the statement. */
export function isTransientDbError(err: unknown): boolean {
  if (err instanceof RetriableError) return true;
  const e = err as DriverError | null;
  if (!e || typeof e !== 'object') return false;
  const state = sqlStateOf(err);
  if (state && transientState(state)) return true;
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  if (e.fatal === true) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (CONNECTION_MESSAGES.some((m) => message.includes(m))) return true;
  // AggregateError of every address tried (Node's happy eyeballs)
  if (err instanceof AggregateError) return err.errors.some(isTransientDbError);
  return false;
}

/** Whether a driver error says a value does not fit (SQLSTATE class 22) or breaks a constraint (23). */
export function isDataDbError(err: unknown): boolean {
  const state = sqlStateOf(err);
  return state !== null && (state.startsWith('22') || state.startsWith('23'));
}

/**
 * A driver error's text with what the database said about where: SQLSTATE, the column, table and
 * constraint (PostgreSQL reports them for constraint violations) and PostgreSQL's detail line.
 */
export function describeDbError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as DriverError;
  let text = err.message || (err instanceof AggregateError ? err.errors.map(String).join('; ') : err.name);
  const where: string[] = [];
  const state = sqlStateOf(err);
  if (state) where.push(`SQLSTATE ${state}`);
  if (typeof e.table === 'string') where.push(`table ${e.schema ? `${e.schema}.` : ''}${e.table}`);
  if (typeof e.column === 'string') where.push(`column ${e.column}`);
  if (typeof e.constraint === 'string') where.push(`constraint ${e.constraint}`);
  if (where.length > 0) text += ` [${where.join(', ')}]`;
  if (typeof e.detail === 'string' && e.detail) text += `; ${e.detail}`;
  return text;
}

/**
 * The connector's error for a driver error: RetriableError when the connection failed (the runtime
 * tries again), DataError when a value does not fit, ConnectError otherwise; the message starts with
 * `context` (what was being done, to which table) and keeps the driver error as its cause.
 */
export function toConnectError(err: unknown, context: string): ConnectError {
  if (err instanceof ConnectError) return err;
  const message = `${context}: ${describeDbError(err)}`;
  if (isTransientDbError(err)) return new RetriableError(message, { cause: err });
  if (isDataDbError(err)) return new DataError(message, { cause: err });
  return new ConnectError(message, { cause: err });
}
