import type { Kafka, Producer } from 'kafkajs';
import type { DemoLogger } from './options';
import { loadKafkaJs } from './tracing';

/** A kafkajs client for one demo service; kafkajs warnings and errors go to the demo logger. */
export function createDemoKafka(brokers: string[], clientId: string, logger: DemoLogger): Kafka {
  const { Kafka, logLevel } = loadKafkaJs(logger);
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, log }) => {
        const { message, timestamp: _timestamp, ...details } = log;
        logger.warn({ clientId, namespace, ...details }, `kafkajs: ${message}`);
      },
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
}

export function createDemoProducer(kafka: Kafka, logger: DemoLogger): Producer {
  const { Partitioners } = loadKafkaJs(logger);
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
}
