/** The files a local single-node Kafka is started with: server.properties and a log4j2 config. */

export interface BrokerLayout {
  port: number;
  controllerPort: number;
  /** Kafka's `log.dirs`: the partitions and the KRaft metadata log. */
  storageDir: string;
}

/** KRaft combined mode (broker + controller in one JVM) with a static one-voter quorum. */
export function serverProperties({ port, controllerPort, storageDir }: BrokerLayout): string {
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': storageDir,
    // One node: every internal topic must fit on it.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'min.insync.replicas': 1,
    'default.replication.factor': 1,
    // Few coordinator partitions load faster after a start; 50 is a cluster-sized default.
    'offsets.topic.num.partitions': 5,
    'transaction.state.log.num.partitions': 5,
    'share.coordinator.state.topic.num.partitions': 1,
    // Tests join groups constantly; the 3 s default delay would slow every one of them.
    'group.initial.rebalance.delay.ms': 0,
    'num.partitions': 1,
    // Tests create their topics explicitly, so a typo fails instead of silently creating one.
    'auto.create.topics.enable': false,
    // Tests create many small topics: keep segments and preallocated indexes small.
    'log.segment.bytes': 16 * 1024 * 1024,
    'log.index.size.max.bytes': 1024 * 1024,
  };
  return Object.entries(props)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')
    .concat('\n');
}

function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Broker logs go to a file, never to our stdout: WARN and above, plus the INFO lines that say
 * the server started or stopped, which is what one reads when a start fails.
 */
export function log4j2Xml(logFile: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <File name="file" fileName="${xmlAttr(logFile)}" append="true">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
    <Logger name="kafka.server.BrokerServer" level="INFO"/>
    <Root level="WARN">
      <AppenderRef ref="file"/>
    </Root>
  </Loggers>
</Configuration>
`;
}
