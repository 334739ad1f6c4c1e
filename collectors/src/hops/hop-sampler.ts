import type { Kafka } from 'kafkajs';
import type { Span } from '@eventscope/shared';
import { discoverDlqsByName, type DlqNameRule } from '../dlq/naming';
import type { RawClusterState } from '../kafka/adapter';
import type { Logger } from '../logger';
import { createHopTap, type HopTap, type HopTapOptions } from './hop-tap';
import {
  HopTracker,
  type HopTrackerOptions,
  type HopTrackerStats,
  type SampleWindow,
} from './tracker';

export interface HopSamplerOptions {
  logger: Logger;
  cluster: string;
  intervalMs: number;
  /** Configured DLQ names or patterns, beyond the naming conventions. */
  dlqNames?: readonly DlqNameRule[];
  tracker?: Partial<Omit<HopTrackerOptions, 'cluster' | 'sampleIntervalMs' | 'isDlq'>>;
  tap?: Partial<Omit<HopTapOptions, 'logger' | 'name'>>;
}

export interface HopSampler {
  /**
   * One sample's hop spans: taps `topics` (existing ones only), turns the records read since the
   * last sample into produced / dead-lettered hops and closes queued hops with the committed
   * offsets of `raw`, which were read within `window`.
   */
  sample(raw: RawClusterState, topics: readonly string[], window: SampleWindow): Promise<Span[]>;
  /** Leaves the tap's group (cluster unreachable); the next sample continues where it stopped. */
  disconnect(): Promise<void>;
  stats(): HopTrackerStats & { read: number };
}

/** Hop spans for one cluster: the hop tap reads records, the tracker derives spans from them. */
export function createHopSampler(kafka: Kafka, options: HopSamplerOptions): HopSampler {
  const dlqByTopic = new Map<string, boolean>();
  const isDlq = (topic: string): boolean => {
    let dlq = dlqByTopic.get(topic);
    if (dlq === undefined) {
      dlq = discoverDlqsByName([topic], options.dlqNames ?? []).length > 0;
      if (dlqByTopic.size > 10_000) dlqByTopic.clear();
      dlqByTopic.set(topic, dlq);
    }
    return dlq;
  };
  const tracker = new HopTracker({
    ...options.tracker,
    cluster: options.cluster,
    sampleIntervalMs: options.intervalMs,
    isDlq,
  });
  const tap: HopTap = createHopTap(kafka, {
    ...options.tap,
    logger: options.logger,
    name: options.cluster,
  });

  return {
    async sample(raw, topics, window) {
      await tap.watch(
        topics.filter((t) => raw.topics.has(t)),
        raw.offsets,
      );
      const produced = tracker.observe(tap.drain());
      return [...produced, ...tracker.close(raw.committed, window)];
    },
    disconnect: () => tap.disconnect(),
    stats: () => ({ ...tracker.stats(), read: tap.readCount() }),
  };
}
