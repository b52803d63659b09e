/** ingest/gzip — gzip'd bytes inflated in a stream, the inflated size capped (gzip bombs). */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { tooLarge, zlibError, type LimitOptions } from './errors.js';

export async function* gunzip(input: AsyncIterable<Buffer>, limit: LimitOptions): AsyncGenerator<Buffer> {
  const src = Readable.from(input);
  const gz = createGunzip({ chunkSize: 256 * 1024 });
  pipeline(src, gz, () => {
    /* errors surface through the iteration of `gz` below */
  });
  let total = 0;
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit.maxBytes) throw tooLarge(limit, true);
      yield chunk;
    }
  } catch (e) {
    throw zlibError(e);
  } finally {
    gz.destroy();
    src.destroy();
  }
}
