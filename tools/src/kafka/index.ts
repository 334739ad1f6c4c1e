export { ensureKafkaInstalled, kafkaHome, KAFKA_VERSION } from './install';
export { startKafka, type LocalKafka, type StartKafkaOptions } from './local-kafka';
export { freePort, isPortFree, isPortOpen } from './ports';
export { createTestKafka, uniqueName } from './testing';
