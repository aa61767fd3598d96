import type { Readable } from 'node:stream';

/**
 * A response body that reads a Node stream only as fast as the client takes it. Unlike
 * Readable.toWeb, a client that goes away (the body cancelled) destroys the source instead of
 * leaving it pushing into a closed stream, which threw an uncaught exception and ended the process.
 */
export function webStreamFrom(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel() {
      source.destroy();
    },
  });
}
