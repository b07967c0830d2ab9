/** Where a run stands: what a progress line reports. */
export interface ProgressSnapshot {
  done: number;
  failed: number;
  /** Items found so far; final once `totalKnown`. */
  total: number;
  /** False while items are still being found (a bucket listing still being read). */
  totalKnown: boolean;
  elapsedMs: number;
  /** What an item is, plural: `buckets`. */
  unit: string;
}

export interface ProgressMeterOptions {
  /** Milliseconds on any clock; tests pass a fake one. */
  now: () => number;
  unit: string;
  /** Report when this share of the total more is done since the last report. Default 0.05. */
  everyFraction?: number;
  /** Or when this long has passed since the last report, whichever comes first. Default 10,000. */
  everyMs?: number;
  /** The reporting interval: never two reports closer than this, but the first and the last. Default 1,000. */
  intervalMs?: number;
}

/**
 * Counts a run's items and says when a progress report is due: at the first item, then about every
 * 5 % of the total or every 10 s, whichever comes first, never twice within the reporting interval
 * (1 s), and at the last item of a known total. While the total still grows (a listing read page by
 * page), the 5 % are of what is found so far. Pure, with its clock passed in; a run's own timer asks
 * `idle()`, so its log never goes quiet for longer than `everyMs`.
 */
export class ProgressMeter {
  private done = 0;
  private failed = 0;
  private total = 0;
  private totalKnown = false;
  private readonly startedAt: number;
  private lastReportAt: number | undefined;
  private lastReportDone = 0;
  private readonly everyFraction: number;
  private readonly everyMs: number;
  private readonly intervalMs: number;

  constructor(private readonly options: ProgressMeterOptions) {
    this.everyFraction = options.everyFraction ?? 0.05;
    this.everyMs = options.everyMs ?? 10_000;
    this.intervalMs = options.intervalMs ?? 1_000;
    this.startedAt = options.now();
  }

  /** More items were found (a page of a listing). */
  found(count: number): void {
    this.total += count;
  }

  /** Every item has been found: the total is final. */
  allFound(): void {
    this.totalKnown = true;
  }

  /**
   * The snapshot to report when `everyMs` has passed since the last report with no item finished
   * (one slow bucket, retries backing off), else undefined.
   */
  idle(): ProgressSnapshot | undefined {
    const now = this.options.now();
    if (now - (this.lastReportAt ?? this.startedAt) < this.everyMs) return undefined;
    return this.report(now);
  }

  /** One item finished; the snapshot to report when a report is due, else undefined. */
  record(outcome: "ok" | "failed"): ProgressSnapshot | undefined {
    this.done += 1;
    if (outcome === "failed") this.failed += 1;
    const now = this.options.now();
    const finished = this.totalKnown && this.done >= this.total;
    return finished || this.due(now) ? this.report(now) : undefined;
  }

  snapshot(): ProgressSnapshot {
    return {
      done: this.done,
      failed: this.failed,
      total: Math.max(this.total, this.done),
      totalKnown: this.totalKnown,
      elapsedMs: this.options.now() - this.startedAt,
      unit: this.options.unit,
    };
  }

  private due(now: number): boolean {
    if (this.lastReportAt === undefined) return true;
    const since = now - this.lastReportAt;
    if (since < this.intervalMs) return false;
    const step = Math.max(1, Math.ceil(this.total * this.everyFraction));
    return since >= this.everyMs || this.done - this.lastReportDone >= step;
  }

  private report(now: number): ProgressSnapshot {
    this.lastReportAt = now;
    this.lastReportDone = this.done;
    return this.snapshot();
  }
}
