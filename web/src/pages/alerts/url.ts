import { AlertStateSchema, SeveritySchema } from '@eventscope/shared';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AlertListParams } from '../../hooks/useAlerts';

/** The alert list's filters live in the URL (`?state=firing&severity=critical&labels=…`). */
export function parseAlertFilters(params: URLSearchParams): AlertListParams {
  const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
  const silenced = params.get('silenced');
  return {
    state: list('state').flatMap((s) => AlertStateSchema.safeParse(s).data ?? []),
    severity: list('severity').flatMap((s) => SeveritySchema.safeParse(s).data ?? []),
    labels: params.get('labels') ?? '',
    silenced: silenced === 'true' || silenced === 'false' ? silenced : '',
  };
}

const LABEL_PAIRS = /^([a-zA-Z_][a-zA-Z0-9_]*=[^,]*)(,[a-zA-Z_][a-zA-Z0-9_]*=[^,]*)*$/;

/** What the api accepts for `labels` (AlertListQuerySchema); anything else is not sent. */
export function isLabelFilter(text: string): boolean {
  return text.trim() === '' || LABEL_PAIRS.test(text.trim());
}

/** Adds `label=value` to a filter, replacing an earlier value of the same label. */
export function withLabel(filter: string, pair: string): string {
  const name = pair.slice(0, pair.indexOf('='));
  const kept = filter
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith(`${name}=`));
  return [...kept, pair].join(',');
}

export function useAlertFilterParams() {
  const [params, setParams] = useSearchParams();
  const filters = parseAlertFilters(params);

  const setFilters = useCallback(
    (next: AlertListParams, replace = false) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          const put = (key: string, value: string) =>
            value ? out.set(key, value) : out.delete(key);
          put('state', next.state.join(','));
          put('severity', next.severity.join(','));
          put('labels', next.labels.trim());
          put('silenced', next.silenced);
          return out;
        },
        { replace },
      ),
    [setParams],
  );

  return { filters, setFilters };
}
