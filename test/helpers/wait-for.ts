/** Polls a condition until it holds; fails with a clear message when it never does. */
export async function waitFor(
  cond: () => Promise<boolean> | boolean,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for: ${typeof what === 'string' ? what : what()}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
