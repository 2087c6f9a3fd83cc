/**
 * Latency histograms that can be merged across processes: 0.1 ms buckets below 100 ms, 1 ms buckets up
 * to 10 s, 10 ms buckets up to 300 s. Sent between processes as sparse [bucket, count] pairs.
 */

const FINE_LIMIT_MS = 100;
const MEDIUM_LIMIT_MS = 10_000;
const COARSE_LIMIT_MS = 300_000;
const FINE_BUCKETS = FINE_LIMIT_MS * 10;
const MEDIUM_BUCKETS = MEDIUM_LIMIT_MS - FINE_LIMIT_MS;
const COARSE_BUCKETS = (COARSE_LIMIT_MS - MEDIUM_LIMIT_MS) / 10;
const BUCKETS = FINE_BUCKETS + MEDIUM_BUCKETS + COARSE_BUCKETS + 1;

function bucketOf(ms: number): number {
  if (ms < 0) return 0;
  if (ms < FINE_LIMIT_MS) return Math.floor(ms * 10);
  if (ms < MEDIUM_LIMIT_MS) return FINE_BUCKETS + Math.floor(ms - FINE_LIMIT_MS);
  if (ms < COARSE_LIMIT_MS) return FINE_BUCKETS + MEDIUM_BUCKETS + Math.floor((ms - MEDIUM_LIMIT_MS) / 10);
  return BUCKETS - 1;
}

/** The middle of a bucket, in ms. */
function valueOf(bucket: number): number {
  if (bucket < FINE_BUCKETS) return (bucket + 0.5) / 10;
  if (bucket < FINE_BUCKETS + MEDIUM_BUCKETS) return FINE_LIMIT_MS + (bucket - FINE_BUCKETS) + 0.5;
  if (bucket < BUCKETS - 1) return MEDIUM_LIMIT_MS + (bucket - FINE_BUCKETS - MEDIUM_BUCKETS) * 10 + 5;
  return COARSE_LIMIT_MS;
}

export type SparseHistogram = { counts: Array<[number, number]>; count: number; max: number; sum: number };

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;
  sum = 0;

  record(ms: number): void {
    const bucket = bucketOf(ms);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  toSparse(): SparseHistogram {
    const counts: Array<[number, number]> = [];
    this.counts.forEach((value, bucket) => {
      if (value > 0) counts.push([bucket, value]);
    });
    return { counts, count: this.count, max: this.max, sum: this.sum };
  }

  addSparse(sparse: SparseHistogram): void {
    for (const [bucket, value] of sparse.counts) this.counts[bucket] = (this.counts[bucket] ?? 0) + value;
    this.count += sparse.count;
    this.sum += sparse.sum;
    if (sparse.max > this.max) this.max = sparse.max;
  }

  /** The value below which `fraction` of the samples lie (bucket middle), or null without samples. */
  quantile(fraction: number): number | null {
    if (this.count === 0) return null;
    const target = Math.max(1, Math.ceil(fraction * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      seen += this.counts[bucket] ?? 0;
      if (seen >= target) return Math.min(valueOf(bucket), this.max);
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      samples: this.count,
      p50: round(this.quantile(0.5)),
      p95: round(this.quantile(0.95)),
      p99: round(this.quantile(0.99)),
      max: this.count === 0 ? null : round(this.max),
      mean: this.count === 0 ? null : round(this.sum / this.count),
    };
  }
}

export interface LatencySummary {
  samples: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Quantile of raw samples (sorted copy; nearest rank). */
export function quantileOf(samples: readonly number[], fraction: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? null;
}

export function median(samples: readonly number[]): number | null {
  return quantileOf(samples, 0.5);
}
