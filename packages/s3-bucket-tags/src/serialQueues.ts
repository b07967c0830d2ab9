/**
 * Runs the tasks given for one key one after another, and tasks of different keys at once. A
 * read-merge-write of a bucket's tags must not overlap another of the same bucket in this process,
 * or the second would write a set without the first's change.
 */
export class SerialQueues {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once its last task is done, so a long run holds no entry per bucket.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
