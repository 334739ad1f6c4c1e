/**
 * The second element of a resource's query key: the cluster it is about, or ALL_CLUSTERS for
 * views across every cluster. The SSE stream names one cluster per sample
 * (`['consumer-groups', 'local']`); useEventStream also refreshes the all-clusters views then.
 */
export const ALL_CLUSTERS = '*';

export function clusterScope(cluster: string | null | undefined): string {
  return cluster || ALL_CLUSTERS;
}
