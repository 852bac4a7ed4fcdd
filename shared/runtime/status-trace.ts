/**
 * The `trace` of a FAILED status: the error's stack with its causes, as Kafka shows Java's
 * printStackTrace ("Caused by: ..."). Only stacks and messages; never config values.
 */
export function traceOf(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}
