/** Paths of the detail pages; every id is encoded (group ids may hold any character). */
const enc = encodeURIComponent;

export const groupHref = (cluster: string, group: string) =>
  `/groups/${enc(cluster)}/${enc(group)}`;
export const topicHref = (cluster: string, topic: string) =>
  `/topics/${enc(cluster)}/${enc(topic)}`;
export const dlqHref = (cluster: string, topic: string) => `/dlqs/${enc(cluster)}/${enc(topic)}`;
