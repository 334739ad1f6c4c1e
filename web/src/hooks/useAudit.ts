import { AuditPageSchema } from '@eventscope/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../api/client';

export interface AuditFilters {
  action: string;
  actor: string;
}

export const AUDIT_PAGE_SIZE = 100;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

/** The audit log, newest first, one page per "Load older" (cursor = the api's nextCursor). */
export function useAudit(filters: AuditFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal, pageParam }) =>
      apiGet(
        withQuery('/api/audit', {
          limit: AUDIT_PAGE_SIZE,
          before: pageParam,
          action: filters.action,
          actor: filters.actor,
        }),
        AuditPageSchema,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}
