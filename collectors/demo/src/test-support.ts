/**
 * Test helpers shared by the demo's integration suites: a topic recorder and a tiny OTLP sink.
 * Kept out of the package's public exports.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { uniqueName } from '@eventscope/tools/kafka';

export interface RecordedMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** Reads topics from the beginning with a group of its own and keeps every record. */
export async function recordTopics(
  kafka: Kafka,
  topics: string[],
): Promise<{ records: RecordedMessage[]; stop(): Promise<void> }> {
  const consumer = kafka.consumer({ groupId: uniqueName('recorder'), maxWaitTimeInMs: 100 });
  const records: RecordedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      records.push({ topic, partition, message });
    },
  });
  return { records, stop: () => consumer.disconnect() };
}

export function header(record: RecordedMessage, name: string): Buffer | undefined {
  const value = record.message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : Buffer.from(first);
}

export function headerString(record: RecordedMessage, name: string): string | undefined {
  return header(record, name)?.toString('utf8');
}

/** Per partition: committed offset of the group (-1 when none) and the log end offset. */
export async function groupProgress(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<{ committed: number; end: number; byPartition: Record<number, [number, number]> }> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const ends = await admin.fetchTopicOffsets(topic);
  const byPartition: Record<number, [number, number]> = {};
  let committedSum = 0;
  let endSum = 0;
  for (const { partition, high } of ends) {
    const offset = Number(committed?.partitions.find((p) => p.partition === partition)?.offset);
    const at = Number.isFinite(offset) && offset >= 0 ? offset : 0;
    byPartition[partition] = [at, Number(high)];
    committedSum += at;
    endSum += Number(high);
  }
  return { committed: committedSum, end: endSum, byPartition };
}

export interface OtlpRequest {
  contentType: string | undefined;
  body: Buffer;
}

/** Accepts POST /v1/traces and answers an empty ExportTraceServiceResponse. */
export async function startOtlpSink(): Promise<{
  url: string;
  requests: OtlpRequest[];
  close(): Promise<void>;
}> {
  const requests: OtlpRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        requests.push({
          contentType: request.headers['content-type'],
          body: Buffer.concat(chunks),
        });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The protobuf bytes of the resource attribute `service.name = name` (KeyValue{key, AnyValue{string}}). */
export function serviceNameBytes(name: string): Buffer {
  const key = Buffer.from('service.name');
  const value = Buffer.from(name);
  return Buffer.concat([
    Buffer.from([0x0a, key.length]),
    key,
    Buffer.from([0x12, value.length + 2, 0x0a, value.length]),
    value,
  ]);
}
