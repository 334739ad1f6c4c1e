export { createKafka } from './kafka/client';
export {
  createClusterProbe,
  type ClusterProbe,
  type ClusterProbeOptions,
} from './health/cluster-probe';
export { silentLogger, type Logger } from './logger';
export { withTimeout, TimeoutError } from './timeout';
