import { useGlobalParams } from '../hooks/useGlobalParams';
import { useHealth } from '../hooks/useHealth';

const ALL = '';

export function ClusterSwitcher() {
  const { cluster, setCluster } = useGlobalParams();
  // Health lists the configured clusters; switch to /api/clusters once that hook exists.
  const { data } = useHealth();
  const ids = data?.clusters.map((c) => c.id) ?? [];
  // A cluster from a pasted link stays selectable even before (or without) health knowing it.
  if (cluster && !ids.includes(cluster)) ids.unshift(cluster);

  return (
    <label className="field">
      <span className="field-label">Cluster</span>
      <select
        value={cluster ?? ALL}
        onChange={(e) => setCluster(e.target.value === ALL ? null : e.target.value)}
      >
        <option value={ALL}>All clusters</option>
        {ids.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </label>
  );
}
