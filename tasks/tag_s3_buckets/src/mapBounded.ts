/**
 * Maps `items` through `fn` with at most `concurrency` calls in flight, pulling the next item only
 * when a call finishes (so a prefix listing is read page by page, as the buckets are tagged), and
 * returns the results in the items' order.
 *
 * Written by hand because the libraries that do this lazily over an async iterable (p-map 5+,
 * it-parallel) are ESM-only, and Airplane's builder leaves them external: p-map 7 failed to load
 * on the deploy Node (18) with ERR_REQUIRE_ESM. p-limit, which the builder does bundle, takes
 * functions, not an iterable: it would need the whole listing first.
 */
export async function mapBounded<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  // An async generator queues concurrent next() calls itself, so the workers may share it.
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const results: R[] = [];
  let taken = 0;
  const worker = async () => {
    for (let item = await iterator.next(); !item.done; item = await iterator.next()) {
      const index = taken++;
      results[index] = await fn(item.value);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
