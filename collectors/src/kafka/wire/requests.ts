import {
  apiVersionsV3,
  describeGroupsV5,
  findCoordinatorV4,
  FindCoordinatorKeyTypes,
  listGroupsV4,
  listOffsetsV7,
  metadataV12,
  offsetFetchV8,
  ResponseError,
  type Connection,
} from '@platformatic/kafka';

/**
 * The six Kafka requests one sample needs, in the versions that batch: FindCoordinator v4
 * (many groups in one request, KIP-699), OffsetFetch v8 (many groups, KIP-709), ListOffsets
 * and DescribeGroups with every partition or group a broker serves. A response that carries
 * per-item error codes is returned whole; callers read the codes item by item, so one
 * failing group or partition never discards the rest.
 */

/** A ResponseError still holds the parsed response: take it, item errors are checked later. */
export async function tolerant<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ResponseError && typeof error.response === 'object' && error.response)
      return error.response as T;
    throw error;
  }
}

/** Api key → the lowest version we send; the broker must support it (Kafka ≥ 3.0). */
export const requiredVersions: ReadonlyMap<number, number> = new Map([
  [metadataV12.api.key, metadataV12.api.version],
  [listGroupsV4.api.key, listGroupsV4.api.version],
  [findCoordinatorV4.api.key, findCoordinatorV4.api.version],
  [describeGroupsV5.api.key, describeGroupsV5.api.version],
  [offsetFetchV8.api.key, offsetFetchV8.api.version],
  [listOffsetsV7.api.key, listOffsetsV7.api.version],
]);

/** The api keys whose required version the broker does not support (empty = all good). */
export async function unsupportedApis(
  connection: Connection,
  required: ReadonlyMap<number, number> = requiredVersions,
): Promise<string[]> {
  const response = await apiVersionsV3.api.async(connection, 'eventscope', '1');
  const ranges = new Map(response.apiKeys.map((k) => [k.apiKey, k]));
  const missing: string[] = [];
  for (const [key, version] of required) {
    const range = ranges.get(key);
    if (!range || range.minVersion > version || range.maxVersion < version)
      missing.push(`${range?.name ?? `api ${key}`} v${version}`);
  }
  return missing;
}

export const metadata = (c: Connection) => metadataV12.api.async(c, null, false, false);

export const listGroups = (c: Connection) => tolerant(listGroupsV4.api.async(c, [], []));

export const findGroupCoordinators = (c: Connection, groups: string[]) =>
  tolerant(findCoordinatorV4.api.async(c, FindCoordinatorKeyTypes.GROUP, groups));

export const describeGroups = (c: Connection, groups: string[]) =>
  tolerant(describeGroupsV5.api.async(c, groups, false));

/** Every committed offset of every group given (topics null = all of a group's topics). */
export const fetchCommitted = (c: Connection, groups: string[]) =>
  tolerant(
    offsetFetchV8.api.async(
      c,
      groups.map((groupId) => ({ groupId, memberEpoch: -1, topics: null })),
      false,
    ),
  );

/** Kafka's special timestamps: -2 asks for the log start offset, -1 for the end offset. */
export const EARLIEST = -2n;
export const LATEST = -1n;

export const listOffsets = (
  c: Connection,
  at: bigint,
  topics: ReadonlyMap<string, readonly number[]>,
) =>
  tolerant(
    listOffsetsV7.api.async(
      c,
      -1,
      0,
      [...topics].map(([name, partitions]) => ({
        name,
        partitions: partitions.map((partitionIndex) => ({
          partitionIndex,
          currentLeaderEpoch: -1,
          timestamp: at,
        })),
      })),
    ),
  );
