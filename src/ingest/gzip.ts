/** ingest/gzip — compressed bytes inflated in a stream (gzip, or a ZIP member's raw deflate), the output capped. */
import type { Transform } from 'node:stream';
import { tooLarge, zlibError, type LimitOptions } from './errors.js';

type Zlib = typeof import('node:zlib');

/**
 * node:zlib, loaded by the first compressed input, with node:stream: plain text, most of what is scanned, needs
 * neither, and loading them at start-up cost every CLI run ~1.4 MiB and a few ms.
 */
export function loadZlib(): Promise<Zlib> {
  return import('node:zlib');
}

/**
 * Pipes `input` through the zlib stream `makeStream` creates; `count` sees every output chunk's size before it is
 * yielded and throws (an InputError) to stop. zlib errors become InputErrors naming `what`.
 */
export async function* inflate(
  input: AsyncIterable<Buffer> | Iterable<Buffer>,
  makeStream: (zlib: Zlib) => Transform,
  count: (n: number) => void,
  what?: string,
): AsyncGenerator<Buffer> {
  const [zlib, { Readable, pipeline }] = await Promise.all([loadZlib(), import('node:stream')]);
  const z = makeStream(zlib);
  const src = Readable.from(input);
  pipeline(src, z, () => {
    /* errors surface through the iteration of `z` below */
  });
  try {
    for await (const chunk of z as AsyncIterable<Buffer>) {
      count(chunk.length);
      yield chunk;
    }
  } catch (e) {
    throw zlibError(e, what);
  } finally {
    z.destroy();
    src.destroy();
  }
}

export function gunzip(input: AsyncIterable<Buffer>, limit: LimitOptions): AsyncGenerator<Buffer> {
  let total = 0;
  return inflate(
    input,
    (zlib) => zlib.createGunzip({ chunkSize: 256 * 1024 }),
    (n) => {
      total += n;
      if (total > limit.maxBytes) throw tooLarge(limit, true);
    },
  );
}
