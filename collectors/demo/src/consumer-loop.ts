import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { ServiceTracing } from './tracing';

/** A service's consumer: one topic, pausable, with a count of handlers running. */
export interface ServiceConsumer {
  start(handler: (payload: EachMessagePayload) => Promise<void>): Promise<void>;
  /** Stops fetching: the record in hand finishes, then nothing is processed or committed. */
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  stop(): Promise<void>;
}

export function createServiceConsumer(options: {
  kafka: Kafka;
  groupId: string;
  topic: string;
  tracing: ServiceTracing;
}): ServiceConsumer {
  const { topic, tracing } = options;
  // Fetch in batches of up to half a second and commit once a second: a handful of requests per
  // second at the default rate, so the demo stays light beside the product.
  const consumer: Consumer = options.kafka.consumer({
    groupId: options.groupId,
    minBytes: 64 * 1024,
    maxWaitTimeInMs: 500,
    allowAutoTopicCreation: false,
  });
  let paused = false;
  // kafkajs rebuilds its group state when it restarts after a crash: a pause must survive that.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (paused) consumer.pause([{ topic }]);
  });
  return {
    async start(handler) {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      // Run inside the service's context: the instrumentation's consumer spans belong to it.
      await tracing.run(() =>
        consumer.run({
          partitionsConsumedConcurrently: 3,
          autoCommitInterval: 1_000,
          eachMessage: handler,
        }),
      );
    },
    pause() {
      paused = true;
      consumer.pause([{ topic }]);
    },
    resume() {
      paused = false;
      consumer.resume([{ topic }]);
    },
    get paused() {
      return paused;
    },
    stop() {
      return consumer.disconnect();
    },
  };
}
