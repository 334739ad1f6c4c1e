import { AlertRuleInputSchema, type AlertRuleInput } from '@eventscope/shared';
import { BadRequestError } from '../domain/errors';
import { parseInput } from '../http/validate';
import { templateError } from './annotations';
import { metricInfo } from './metrics';

interface Issue {
  path: string;
  message: string;
}

/** Set by the engine from the rule itself; a rule label of that name would be ignored. */
const reservedLabels = new Set(['alertname', 'severity']);
const windowMetrics = new Set(['lagGrowth', 'spanLatencyAvg', 'spanLatencyP95']);

/** Checks zod cannot express: labels per metric, reserved names, template syntax. */
export function ruleIssues(rule: AlertRuleInput): Issue[] {
  const issues: Issue[] = [];
  const info = metricInfo[rule.metric];
  for (const label of Object.keys(rule.matchers)) {
    if (!(info.labels as readonly string[]).includes(label))
      issues.push({
        path: `matchers.${label}`,
        message: `${rule.metric} series have no ${label} label (they have ${info.labels.join(', ')})`,
      });
  }
  for (const name of Object.keys(rule.labels)) {
    if (name.startsWith('__'))
      issues.push({ path: `labels.${name}`, message: 'names starting with __ are reserved' });
    else if (reservedLabels.has(name))
      issues.push({
        path: `labels.${name}`,
        message: `${name} is set from the rule's ${name === 'alertname' ? 'name' : 'severity'}`,
      });
  }
  for (const [name, template] of Object.entries(rule.annotations)) {
    if (typeof template !== 'string' || name === 'runbookUrl') continue;
    const error = templateError(template);
    if (error) issues.push({ path: `annotations.${name}`, message: `template error: ${error}` });
  }
  if (rule.windowSeconds !== undefined && windowMetrics.has(rule.metric) && rule.windowSeconds < 1)
    issues.push({ path: 'windowSeconds', message: 'must be at least 1' });
  return issues;
}

/** Throws a 400 naming the first bad field, with every issue in details (like parseInput). */
export function assertValidRule(rule: AlertRuleInput): AlertRuleInput {
  const issues = ruleIssues(rule);
  const first = issues[0];
  if (first) throw new BadRequestError(`invalid body: ${first.path}: ${first.message}`, { issues });
  return rule;
}

/** Any value → a valid rule or a BadRequestError; never anything else (see the fuzz test). */
export function parseRuleInput(value: unknown): AlertRuleInput {
  return assertValidRule(parseInput(AlertRuleInputSchema, value, 'body'));
}
