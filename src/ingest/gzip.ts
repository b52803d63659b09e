/** ingest/gzip — compressed bytes inflated in a stream (gzip, or a ZIP member's raw deflate), the output capped. */
import { Readable, pipeline, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { tooLarge, zlibError, type LimitOptions } from './errors.js';

/**
 * Pipes `input` through the zlib stream `z`; `count` sees every output chunk's size before it is yielded and
 * throws (an InputError) to stop. zlib errors become InputErrors naming `what`.
 */
export async function* inflate(
  input: AsyncIterable<Buffer> | Iterable<Buffer>,
  z: Transform,
  count: (n: number) => void,
  what?: string,
): AsyncGenerator<Buffer> {
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
  return inflate(input, createGunzip({ chunkSize: 256 * 1024 }), (n) => {
    total += n;
    if (total > limit.maxBytes) throw tooLarge(limit, true);
  });
}
