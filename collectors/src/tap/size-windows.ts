import { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js';
import type { EventSize } from '@eventscope/shared';

/**
 * Per-topic record sizes over a sliding window: two DDSketches per topic (the current window
 * and the one before), so memory is bounded by topics × 2 × binLimit whatever the traffic.
 * Quantiles are within 1 % of the true value.
 */

interface Bucket {
  sketch: LogCollapsingLowestDenseDDSketch;
  bytes: number;
  startMs: number;
}

interface TopicWindows {
  current: Bucket;
  previous: Bucket | undefined;
}

export interface TopicSizeStats {
  size: EventSize | null;
  messagesPerSecond: number | null;
  bytesPerSecond: number | null;
}

const newBucket = (startMs: number): Bucket => ({
  sketch: new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: 0.01, binLimit: 512 }),
  bytes: 0,
  startMs,
});

export class SizeWindows {
  private readonly topics = new Map<string, TopicWindows>();

  constructor(private readonly windowMs: number) {}

  private rotate(w: TopicWindows, nowMs: number): void {
    if (nowMs - w.current.startMs < this.windowMs) return;
    // A bucket older than two windows is dropped entirely.
    w.previous = nowMs - w.current.startMs < 2 * this.windowMs ? w.current : undefined;
    w.current = newBucket(nowMs);
  }

  add(topic: string, sizeBytes: number, nowMs: number): void {
    let w = this.topics.get(topic);
    if (!w) {
      w = { current: newBucket(nowMs), previous: undefined };
      this.topics.set(topic, w);
    }
    this.rotate(w, nowMs);
    w.current.sketch.accept(Math.max(0, sizeBytes));
    w.current.bytes += sizeBytes;
  }

  stats(topic: string, nowMs: number): TopicSizeStats {
    const w = this.topics.get(topic);
    if (!w) return { size: null, messagesPerSecond: null, bytesPerSecond: null };
    this.rotate(w, nowMs);
    const buckets = [w.previous, w.current].filter((b): b is Bucket => b !== undefined);
    const merged = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: 0.01, binLimit: 512 });
    let bytes = 0;
    for (const b of buckets) {
      if (b.sketch.count > 0) merged.merge(b.sketch);
      bytes += b.bytes;
    }
    const startMs = buckets[0]?.startMs ?? nowMs;
    const seconds = Math.max(0.001, (nowMs - startMs) / 1000);
    if (merged.count === 0) return { size: null, messagesPerSecond: 0, bytesPerSecond: 0 };
    const q = (p: number): number => Math.round(merged.getValueAtQuantile(p));
    return {
      size: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: merged.max, count: merged.count },
      messagesPerSecond: Math.round((merged.count / seconds) * 100) / 100,
      bytesPerSecond: Math.round(bytes / seconds),
    };
  }

  /** Forgets topics no longer watched. */
  retain(topics: ReadonlySet<string>): void {
    for (const t of this.topics.keys()) if (!topics.has(t)) this.topics.delete(t);
  }
}
