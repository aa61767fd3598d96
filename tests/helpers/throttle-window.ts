/**
 * Throttle counters count in fixed windows that turn over on the clock (every 15 minutes, every
 * hour). A test that counts attempts up to a limit and expects the next one refused must have all
 * of them in one window: when the current window ends within `marginSeconds`, this waits until
 * the next one has begun.
 */
export async function clearOfWindowEdge(windowSeconds: number, marginSeconds: number) {
  const secondsLeft = windowSeconds - ((Date.now() / 1000) % windowSeconds);
  if (secondsLeft < marginSeconds) await new Promise((resolve) => setTimeout(resolve, (secondsLeft + 1) * 1000));
}
