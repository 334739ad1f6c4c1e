import { JSONPath } from 'jsonpath-plus';
import type { MaskingConfig } from '@eventscope/shared';

export interface Masker {
  /** Masks a payload: JSON paths on parsed JSON, regexes on every string in it. */
  maskJson(value: unknown): unknown;
  /** Masks free text (a non-JSON payload, an exception message). */
  maskText(text: string): string;
  /** Masks header values: whole value for listed names, regexes for the rest. */
  maskHeaders(headers: Record<string, string>): Record<string, string>;
}

/**
 * Builds a masker from validated rules. JSONPath runs with script evaluation off, so a
 * rule can select but never execute code.
 */
export function createMasker(config: MaskingConfig): Masker {
  const replacement = config.replacement;
  const paths = config.rules.flatMap((r) => (r.kind === 'jsonPath' ? [r.path] : []));
  const headerNames = new Set(
    config.rules.flatMap((r) => (r.kind === 'header' ? [r.name.toLowerCase()] : [])),
  );
  const regexes = config.rules.flatMap((r) =>
    r.kind === 'regex' ? [new RegExp(r.pattern, `${r.flags ?? ''}g`)] : [],
  );

  const maskText = (text: string): string =>
    regexes.reduce((t, re) => t.replace(re, replacement), text);

  const maskStrings = (value: unknown): unknown => {
    if (typeof value === 'string') return maskText(value);
    if (Array.isArray(value)) return value.map(maskStrings);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v)]));
    }
    return value;
  };

  return {
    maskText,
    maskJson(value) {
      // Work on a copy: callers may hold the original (e.g. for a byte-exact replay).
      const copy = maskStrings(value);
      if (copy === null || typeof copy !== 'object') return copy;
      for (const path of paths) {
        JSONPath({
          path,
          json: copy,
          eval: false,
          resultType: 'all',
          callback: (match: { parent: unknown; parentProperty: string | number }) => {
            const parent = match.parent;
            if (parent !== null && typeof parent === 'object') {
              (parent as Record<string | number, unknown>)[match.parentProperty] = replacement;
            }
          },
        });
      }
      return copy;
    },
    maskHeaders(headers) {
      return Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [
          name,
          headerNames.has(name.toLowerCase()) ? replacement : maskText(value),
        ]),
      );
    },
  };
}
