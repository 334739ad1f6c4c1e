import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AuditFilters } from '../../hooks/useAudit';

/** The audit filters live in the URL, so a filtered log can be pasted into an incident chat. */
export function useAuditParams() {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {
    action: params.get('action') ?? '',
    actor: params.get('actor') ?? '',
  };

  const setFilters = useCallback(
    (next: AuditFilters) =>
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        for (const key of ['action', 'actor'] as const) {
          const value = next[key].trim();
          if (value) out.set(key, value);
          else out.delete(key);
        }
        return out;
      }),
    [setParams],
  );

  return { filters, setFilters };
}
