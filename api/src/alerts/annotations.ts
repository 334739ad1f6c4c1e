import Mustache from 'mustache';
import type { AlertRuleInput } from '@eventscope/shared';
import type { Labels } from './labels';
import { metricInfo } from './metrics';

/** Values as a person reads them: at most 4 significant digits, no float noise. */
export function formatValue(value: number | null): string {
  if (value === null) return 'unknown';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** Notifications are plain text and JSON, not HTML: values are inserted as they are. */
const plain = { escape: (value: unknown) => String(value) };

/**
 * Renders the rule's annotation templates (mustache, logic-less): `{{labels.group}}`,
 * `{{value}}`, `{{threshold}}`, `{{unit}}`, `{{rule}}`, `{{severity}}`. A template that fails
 * anyway (validated at save time, so only a bug) is kept unrendered rather than lost.
 */
export function renderAnnotations(
  rule: Pick<AlertRuleInput, 'name' | 'metric' | 'severity' | 'threshold' | 'annotations'>,
  labels: Labels,
  value: number | null,
): Record<string, string> {
  const view = {
    labels,
    value: formatValue(value),
    threshold: formatValue(rule.threshold),
    unit: metricInfo[rule.metric].unit,
    rule: rule.name,
    metric: rule.metric,
    severity: rule.severity,
  };
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(rule.annotations)) {
    if (typeof template !== 'string') continue;
    try {
      out[name] = Mustache.render(template, view, {}, plain);
    } catch {
      out[name] = template;
    }
  }
  return out;
}

/** The parse error of a template, or undefined when it is valid. */
export function templateError(template: string): string | undefined {
  try {
    Mustache.parse(template);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid template';
  }
}
