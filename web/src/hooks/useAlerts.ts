import { AlertSchema, type Alert, type AlertState, type Severity } from '@eventscope/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, withQuery } from '../api/client';

const AlertListSchema = z.array(AlertSchema);
const enc = encodeURIComponent;

/** What GET /api/alerts is asked for; empty means "no filter". */
export interface AlertListParams {
  state: readonly AlertState[];
  severity: readonly Severity[];
  /** `label=value` pairs separated by commas, all must match. */
  labels: string;
  silenced: '' | 'true' | 'false';
}

export const NO_ALERT_FILTERS: AlertListParams = {
  state: [],
  severity: [],
  labels: '',
  silenced: '',
};
const FIRING: AlertListParams = { ...NO_ALERT_FILTERS, state: ['firing'] };

/**
 * `['alerts']` is what the api's `alerts` event invalidates. Silences live under it too
 * (useSilences): a silence changes which alerts are silenced, and its own status moves with
 * the same evaluations.
 */
export const alertKeys = {
  all: ['alerts'] as const,
  list: (p: AlertListParams) => [...alertKeys.all, 'list', p] as const,
  detail: (id: string) => [...alertKeys.all, 'detail', id] as const,
};

export function alertListPath(p: AlertListParams): string {
  return withQuery('/api/alerts', {
    state: p.state.join(','),
    severity: p.severity.join(','),
    labels: p.labels.trim(),
    silenced: p.silenced,
  });
}

export function useAlerts(params: AlertListParams) {
  return useQuery({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) => apiGet(alertListPath(params), AlertListSchema, { signal }),
    // Changing a filter keeps the rows on screen instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useAlert(id: string) {
  return useQuery({
    queryKey: alertKeys.detail(id),
    queryFn: ({ signal }) => apiGet(`/api/alerts/${enc(id)}`, AlertSchema, { signal }),
  });
}

/** Alerts about one cluster, plus those not tied to any (span latency, collector health). */
export function inCluster(alert: Alert, cluster: string | null): boolean {
  return cluster === null || alert.labels.cluster === undefined || alert.labels.cluster === cluster;
}

/** Firing alerts in the cluster picked at the top, most severe and oldest first (Overview, nav). */
export function useFiringAlerts(cluster: string | null) {
  return useQuery({
    queryKey: alertKeys.list(FIRING),
    queryFn: ({ signal }) => apiGet(alertListPath(FIRING), AlertListSchema, { signal }),
    select: (alerts: Alert[]) =>
      alerts.filter((a) => a.state === 'firing' && inCluster(a, cluster)).sort(byUrgency),
  });
}

/** The nav badge: how many alerts are firing now; undefined until known. */
export function useFiringAlertCount(cluster: string | null): number | undefined {
  return useFiringAlerts(cluster).data?.length;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** When the alert entered the state it is in: what "since" means on each row. */
export function since(alert: Alert): string | null {
  if (alert.state === 'firing') return alert.firedAt ?? alert.activeAt;
  if (alert.state === 'pending') return alert.activeAt;
  return alert.resolvedAt;
}

/**
 * Most severe first, then oldest first (UI.md): the alert that has hurt longest leads. Resolved
 * alerts are history, so there the newest comes first.
 */
export function byUrgency(a: Alert, b: Alert): number {
  const rank = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (rank !== 0) return rank;
  const at = (x: Alert) => Date.parse(since(x) ?? '') || 0;
  const age = a.state === 'resolved' && b.state === 'resolved' ? at(b) - at(a) : at(a) - at(b);
  return age || a.id.localeCompare(b.id);
}

/** The alert's name: its `alertname` label, else the rule's name. */
export function alertName(alert: Alert): string {
  return alert.labels.alertname ?? alert.ruleName;
}

function useInvalidateAlerts() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: alertKeys.all });
}

/** The answers of action endpoints are not shown; any JSON (or none) is fine. */
const Anything = z.unknown();

export function useAcknowledgeAlert() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment: string }) =>
      apiSend(
        'POST',
        `/api/alerts/${enc(id)}/ack`,
        comment.trim() ? { comment: comment.trim() } : {},
        Anything,
      ),
    onSuccess: invalidate,
  });
}

export function useUnacknowledgeAlert() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend('DELETE', `/api/alerts/${enc(id)}/ack`, undefined, Anything),
    onSuccess: invalidate,
  });
}
