import type { z } from 'zod';
import { toApiError } from '../../api/errors';

/** Field path ("threshold", "matchers.group", "annotations.summary") → first message. */
export type FieldErrors = Readonly<Record<string, string>>;

interface Issue {
  path: string;
  message: string;
}

function collect(issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of issues) {
    // Some layers name the request part ("body.threshold"); the form only knows the field.
    const key = path.replace(/^body\.?/, '');
    out[key] ??= message;
  }
  return out;
}

/** The same shape as the api's `details.issues`, from a local zod check before sending. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  return collect(error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

function isIssue(value: unknown): value is Issue {
  if (typeof value !== 'object' || value === null) return false;
  const { path, message } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof message === 'string';
}

/**
 * The fields a 400 names: `{ error: { details: { issues: [{ path, message }] } } }` from the
 * api's input validation, or `{ details: { field, message } }` from a domain check. Empty when
 * the error names no field (the form shows its message instead).
 */
export function apiFieldErrors(error: unknown): FieldErrors {
  const e = toApiError(error);
  if (e.status !== 400 || typeof e.details !== 'object' || e.details === null) return {};
  const details = e.details as Record<string, unknown>;
  const issues = Array.isArray(details.issues) ? details.issues.filter(isIssue) : [];
  if (typeof details.field === 'string') {
    issues.push({
      path: details.field,
      message: typeof details.message === 'string' ? details.message : e.message,
    });
  }
  return collect(issues);
}

/** The message for a field: its own key or any key below it ("labels" covers "labels.team"). */
export function errorAt(errors: FieldErrors, field: string): string | null {
  if (errors[field] !== undefined) return errors[field];
  const below = Object.keys(errors).find((k) => k.startsWith(`${field}.`));
  return below === undefined ? null : (errors[below] ?? null);
}

/** Errors no field on the form shows, so none is lost: listed above the buttons. */
export function unplacedErrors(errors: FieldErrors, fields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([key]) => !fields.some((f) => key === f || key.startsWith(`${f}.`)))
    .map(([key, message]) => (key ? `${key}: ${message}` : message));
}
