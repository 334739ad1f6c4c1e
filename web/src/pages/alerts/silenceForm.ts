import { SilenceInputSchema, type SilenceInput } from '@eventscope/shared';
import { fromLocalInput } from '../../lib/timeRange';
import { zodFieldErrors, type FieldErrors } from './fieldErrors';

export const MATCHER_OPS = ['=', '!=', '=~', '!~'] as const;
export type MatcherOp = (typeof MATCHER_OPS)[number];

export interface MatcherDraft {
  /** A stable React key: rows are added and removed in the middle. */
  id: number;
  label: string;
  op: MatcherOp;
  value: string;
}

export const SILENCE_DURATIONS = [
  { key: '1h', label: '1 h', seconds: 3600 },
  { key: '4h', label: '4 h', seconds: 4 * 3600 },
  { key: '24h', label: '24 h', seconds: 24 * 3600 },
] as const;
export type SilenceDuration = (typeof SILENCE_DURATIONS)[number]['key'] | 'custom';

export interface SilenceDraft {
  matchers: MatcherDraft[];
  duration: SilenceDuration;
  /** `datetime-local` value, used when duration is "custom". */
  endsAtLocal: string;
  comment: string;
}

/** alertname first (what the silence is about), then the rest A→Z. */
export function matchersFromLabels(labels: Readonly<Record<string, string>>): MatcherDraft[] {
  return Object.entries(labels)
    .sort(([a], [b]) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)))
    .map(([label, value], id) => ({ id, label, op: '=', value }));
}

export function emptySilence(labels: Readonly<Record<string, string>> = {}): SilenceDraft {
  const matchers = matchersFromLabels(labels);
  return {
    matchers: matchers.length > 0 ? matchers : [{ id: 0, label: '', op: '=', value: '' }],
    duration: '4h',
    endsAtLocal: '',
    comment: '',
  };
}

export function nextMatcherId(matchers: readonly MatcherDraft[]): number {
  return matchers.reduce((max, m) => Math.max(max, m.id), -1) + 1;
}

/** When the silence ends: a preset from now, or the typed local time. '' when not a time. */
export function silenceEnd(draft: SilenceDraft, now: number): string {
  if (draft.duration === 'custom') return fromLocalInput(draft.endsAtLocal);
  const preset = SILENCE_DURATIONS.find((d) => d.key === draft.duration);
  return new Date(now + (preset?.seconds ?? 3600) * 1000).toISOString();
}

/** The request body, checked with the api's schema; errors keyed like the api's 400s. */
export function silenceInputFromDraft(
  draft: SilenceDraft,
  now: number,
): { ok: true; input: SilenceInput } | { ok: false; errors: FieldErrors } {
  const endsAt = silenceEnd(draft, now);
  const body = {
    matchers: draft.matchers.map(({ label, op, value }) => ({ label: label.trim(), op, value })),
    endsAt,
    comment: draft.comment.trim(),
  };
  const parsed = SilenceInputSchema.safeParse(body);
  const errors: Record<string, string> = parsed.success ? {} : { ...zodFieldErrors(parsed.error) };
  if (endsAt === '') errors.endsAt = 'Enter when the silence ends';
  else if (Date.parse(endsAt) <= now) errors.endsAt = 'The end must be in the future';
  if (body.comment === '') errors.comment = 'Say why: the next person on call will read it';
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  return { ok: false, errors };
}
