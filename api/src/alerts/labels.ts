import { hash } from 'node:crypto';

/** Label name → value, as Prometheus and Alertmanager model them. */
export type Labels = Readonly<Record<string, string>>;

/** A stable text form of a label set: names sorted, separators that cannot occur in names. */
export function canonicalLabels(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}\u0000${labels[name] ?? ''}`)
    .join('\u0001');
}

/**
 * The alert id: a stable hash of its labels (rule labels + series labels + alertname +
 * severity), so the same series of the same rule is the same alert across restarts.
 */
export function fingerprint(labels: Labels): string {
  // One-shot hash: several times cheaper than a Hash object per alert.
  return hash('sha256', canonicalLabels(labels), 'hex').slice(0, 16);
}

/**
 * The labels of an alert: the series' labels, then the rule's own labels (they win, as in
 * Prometheus), then alertname and severity, which identify the rule to receivers.
 */
export function alertLabels(
  series: Labels,
  rule: { name: string; severity: string; labels: Labels },
): Record<string, string> {
  return { ...series, ...rule.labels, alertname: rule.name, severity: rule.severity };
}
