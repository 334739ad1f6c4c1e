import { randomUUID } from 'node:crypto';
import { AlertRuleInputSchema, type AlertRuleInput } from '@eventscope/shared';
import type { Db } from '../store';
import { ruleRepository } from './rule-repository';

/**
 * The alert defaults of DESIGN.md, created once on first start as ordinary rules (editable,
 * deletable). "For 2 samples" means pending at the first sample and firing at the second:
 * `for` of one sample interval.
 */
export function defaultRules(sampleIntervalMs: number): { key: string; rule: AlertRuleInput }[] {
  const twoSamples = Math.max(1, Math.round(sampleIntervalMs / 1000));
  const rules: { key: string; rule: unknown }[] = [
    {
      key: 'consumer-lag-seconds',
      rule: {
        name: 'Consumer lag',
        metric: 'lagSeconds',
        op: '>',
        threshold: 60,
        forSeconds: 60,
        severity: 'critical',
        annotations: {
          summary: '{{labels.group}} on {{labels.cluster}} is {{value}} s behind',
          description:
            'The oldest unconsumed record of consumer group {{labels.group}} is {{value}} s old (threshold {{threshold}} s, sustained for 60 s).',
        },
      },
    },
    {
      key: 'dlq-depth',
      rule: {
        name: 'DLQ depth',
        metric: 'dlqDepth',
        op: '>',
        threshold: 100,
        forSeconds: 0,
        severity: 'warning',
        annotations: {
          summary: '{{labels.dlq}} on {{labels.cluster}} holds {{value}} dead letters',
          description:
            'Dead letters not yet replayed or discarded exceed {{threshold}}. Source topics: {{labels.topic}}.',
        },
      },
    },
    {
      key: 'event-size-p95',
      rule: {
        name: 'Event size p95',
        metric: 'eventSizeP95',
        op: '>',
        threshold: 1_048_576,
        forSeconds: 0,
        severity: 'warning',
        annotations: {
          summary: 'Events on {{labels.topic}} ({{labels.cluster}}) have a p95 of {{value}} bytes',
          description: 'The 95th percentile of record size exceeds {{threshold}} bytes (1 MiB).',
        },
      },
    },
    {
      key: 'span-latency-avg',
      rule: {
        name: 'Span latency',
        metric: 'spanLatencyAvg',
        op: '>',
        threshold: 200,
        windowSeconds: 300,
        forSeconds: 300,
        severity: 'warning',
        annotations: {
          summary: '{{labels.service}} spans average {{value}} ms',
          description:
            'The average span latency (e.g. enrichment) of {{labels.service}} over 5 min is above {{threshold}} ms, for 5 min.',
        },
      },
    },
    {
      key: 'group-status-stopped',
      rule: {
        name: 'Consumer group stopped',
        metric: 'groupStatus',
        statuses: ['STOP', 'STALL'],
        op: '==',
        threshold: 1,
        forSeconds: twoSamples,
        severity: 'critical',
        annotations: {
          summary: '{{labels.group}} on {{labels.cluster}} is not consuming (STOP/STALL)',
          description: 'Committed offsets have not moved while lag is above 0, for 2 samples.',
        },
      },
    },
    {
      key: 'cluster-unreachable',
      rule: {
        name: 'Cluster unreachable',
        metric: 'clusterUnreachable',
        op: '==',
        threshold: 1,
        forSeconds: twoSamples,
        severity: 'critical',
        annotations: {
          summary: 'Cluster {{labels.cluster}} is unreachable',
          description:
            'Two samples in a row failed. Lag, DLQ and event-size alerts of this cluster are inhibited until it is back.',
        },
      },
    },
  ];
  return rules.map(({ key, rule }) => ({ key, rule: AlertRuleInputSchema.parse(rule) }));
}

/**
 * Seeds each default once, in one transaction. The seed marker outlives the rule, so a
 * deleted default stays deleted; a user rule with the same name is left alone.
 */
export async function seedDefaultRules(db: Db, sampleIntervalMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const repo = ruleRepository(tx);
    let created = 0;
    for (const { key, rule } of defaultRules(sampleIntervalMs)) {
      if (!(await repo.claimSeed(key))) continue;
      if (await repo.nameTaken(rule.name, null)) continue;
      await repo.insert(randomUUID(), rule, true);
      created++;
    }
    return created;
  });
}
