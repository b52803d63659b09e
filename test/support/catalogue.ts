/** Walking a message catalogue: every entry by its dotted path, and the words an entry prints. */

/** Every parameter reads as its own name in text and as 2 in a comparison: each language's words and order show. */
const params = new Proxy({}, { get: (_, key) => ({ toString: () => String(key), valueOf: () => 2 }) });

export type Entry = { path: string; value: unknown };

export function entries(catalogue: object, prefix = ''): Entry[] {
  return Object.entries(catalogue).flatMap(([key, value]): Entry[] => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object' ? entries(value, path) : [{ path, value }];
  });
}

/** What an entry prints: the sentence, or a function's sentence with its parameters' names in their places. */
export function words(value: unknown): string {
  return typeof value === 'function' ? String((value as (p: unknown) => unknown)(params)) : String(value);
}
