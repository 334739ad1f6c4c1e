import { ClusterSummarySchema } from '@eventscope/shared';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet } from '../api/client';

const ClusterListSchema = z.array(ClusterSummarySchema);

/** GET /api/clusters: brokers, reachability, last sample and groups by status per cluster. */
export const clusterKeys = {
  all: ['clusters'] as const,
};

export function useClusters() {
  return useQuery({
    queryKey: clusterKeys.all,
    queryFn: ({ signal }) => apiGet('/api/clusters', ClusterListSchema, { signal }),
  });
}
