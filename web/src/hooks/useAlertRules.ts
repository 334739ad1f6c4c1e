import { AlertRuleSchema, type AlertRule, type AlertRuleInput } from '@eventscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { apiGet, apiSend } from '../api/client';
import { ruleApplies } from '../lib/alertMatch';
import { formatDuration } from '../lib/format';
import { alertKeys } from './useAlerts';

const RuleListSchema = z.array(AlertRuleSchema);
const enc = encodeURIComponent;

/** `['alert-rules']` is refreshed by the api's `alerts` event (rule health changes with it). */
export const ruleKeys = {
  all: ['alert-rules'] as const,
  list: () => [...ruleKeys.all, 'list'] as const,
  detail: (id: string) => [...ruleKeys.all, 'detail', id] as const,
};

export function useAlertRules() {
  return useQuery({
    queryKey: ruleKeys.list(),
    queryFn: ({ signal }) => apiGet('/api/alert-rules', RuleListSchema, { signal }),
  });
}

/** Rules by id, so an alert can say its metric's unit and comparison; empty until loaded. */
export function useRulesById(): ReadonlyMap<string, AlertRule> {
  const { data } = useAlertRules();
  return useMemo(() => new Map((data ?? []).map((r) => [r.id, r])), [data]);
}

export function useAlertRule(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ruleKeys.detail(id),
    queryFn: ({ signal }) => apiGet(`/api/alert-rules/${enc(id)}`, AlertRuleSchema, { signal }),
    enabled,
  });
}

/** Creates (no id) or replaces (id) a rule; alerts change with it, so both caches refresh. */
export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: AlertRuleInput }) =>
      id === undefined
        ? apiSend('POST', '/api/alert-rules', input, AlertRuleSchema)
        : apiSend('PUT', `/api/alert-rules/${enc(id)}`, input, AlertRuleSchema),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ruleKeys.all });
      void client.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend('DELETE', `/api/alert-rules/${enc(id)}`, undefined, z.unknown()),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ruleKeys.all });
      void client.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
}

/** Enabled rules on `metric` whose matchers select a series with these labels. */
export function rulesApplying(
  rules: readonly AlertRule[],
  metric: AlertRule['metric'],
  labels: Readonly<Record<string, string>>,
): AlertRule[] {
  return rules.filter((r) => r.enabled && r.metric === metric && ruleApplies(r.matchers, labels));
}

export interface RuleThreshold {
  value: number;
  label: string;
}

/**
 * The line a group's lag-seconds chart draws: the lowest enabled `lagSeconds >`/`>=` rule that
 * applies to the group (the first to fire). null when no rule applies; undefined while the
 * rules are not known (the chart then keeps its default line).
 */
export function lagSecondsThreshold(
  rules: readonly AlertRule[] | undefined,
  cluster: string,
  group: string,
): RuleThreshold | null | undefined {
  if (rules === undefined) return undefined;
  const [lowest] = rulesApplying(rules, 'lagSeconds', { cluster, group })
    .filter((r) => r.op === '>' || r.op === '>=')
    .sort((a, b) => a.threshold - b.threshold);
  if (!lowest) return null;
  return {
    value: lowest.threshold,
    label: `${lowest.name} ${lowest.op} ${formatDuration(lowest.threshold)}`,
  };
}

export function useLagSecondsThreshold(cluster: string, group: string) {
  const { data } = useAlertRules();
  return lagSecondsThreshold(data, cluster, group);
}
