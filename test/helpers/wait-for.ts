/** How long waitFor polls, and how often. */
export interface WaitForOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Pause between probes (default 25 ms). */
  intervalMs?: number;
  /** Named in the timeout error, e.g. "connector orders to be RUNNING". */
  what?: string;
}

/**
 * Polls `probe` until it neither throws nor returns `false` or `null`, and returns its value. For
 * state that converges asynchronously (the herder, pollers), so a test never sleeps a fixed time.
 * Two styles work: an assertion (`waitFor(() => expect(x()).toBe(1))`, retried while it throws) and
 * a lookup that returns `null` or `false` until the thing exists (`waitFor(() => find(id) ?? null)`).
 * On timeout the error names `what` and carries the probe's last error as its cause.
 */
export async function waitFor<T>(
  probe: () => T | null | false | Promise<T | null | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 25, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown;
    let lastValue: unknown;
    try {
      const value = await probe();
      if (value !== false && value !== null) return value;
      lastValue = value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? lastError.message : `it returned ${String(lastValue)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${detail}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
