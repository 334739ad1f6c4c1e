/**
 * Dead letters as real frameworks write them: Spring Kafka's DeadLetterPublishingRecoverer (binary
 * numbers) and Kafka Connect's errant-record reporter (decimal strings). Exceptions carry Java class
 * names and stack traces, because that is what an on-call engineer sees in production.
 */
import { connectDlqHeaders, springDltHeaders } from '@eventscope/shared';
import type { HeaderMap } from './records';

/** A failure as a JVM service would report it. */
export interface JavaFailure {
  className: string;
  message: string;
  causeClassName?: string;
  causeMessage?: string;
  /** Application frames, innermost first, e.g. `com.shop.payments.CardAuthorizer.authorize(CardAuthorizer.java:87)`. */
  frames: string[];
}

export function int32Header(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

export function int64Header(value: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(value);
  return buffer;
}

export function readInt32Header(value: Buffer): number {
  if (value.length !== 4) throw new RangeError(`expected 4 bytes, got ${value.length}`);
  return value.readInt32BE();
}

export function readInt64Header(value: Buffer): bigint {
  if (value.length !== 8) throw new RangeError(`expected 8 bytes, got ${value.length}`);
  return value.readBigInt64BE();
}

const springListenerFrames = [
  'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
  'java.base/java.lang.reflect.Method.invoke(Method.java:580)',
  'org.springframework.messaging.handler.invocation.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:169)',
  'org.springframework.kafka.listener.adapter.MessagingMessageListenerAdapter.invokeHandler(MessagingMessageListenerAdapter.java:425)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2900)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.run(KafkaMessageListenerContainer.java:1322)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
];

const connectTaskFrames = [
  'org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:606)',
  'org.apache.kafka.connect.runtime.WorkerSinkTask.poll(WorkerSinkTask.java:345)',
  'org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:204)',
  'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
];

/** A Java-style stack trace: `Class: message`, tab-indented frames, then `Caused by:`. */
export function javaStackTrace(failure: JavaFailure, runtimeFrames: string[]): string {
  const lines = [`${failure.className}: ${failure.message}`];
  for (const frame of [...failure.frames, ...runtimeFrames]) lines.push(`\tat ${frame}`);
  if (failure.causeClassName) {
    lines.push(`Caused by: ${failure.causeClassName}: ${failure.causeMessage ?? ''}`);
    lines.push(`\t... ${runtimeFrames.length} more`);
  }
  return lines.join('\n');
}

export interface SpringDeadLetter {
  /** The record the listener failed on. */
  topic: string;
  partition: number;
  offset: string;
  /** Its timestamp, epoch milliseconds as kafkajs reports it. */
  timestamp: string;
  consumerGroup: string;
  failure: JavaFailure;
}

/** The headers Spring Kafka adds to a dead letter (original headers are kept beside them). */
export function springDeadLetterHeaders(letter: SpringDeadLetter): HeaderMap {
  const { failure } = letter;
  const headers: HeaderMap = {
    [springDltHeaders.originalTopic]: Buffer.from(letter.topic),
    [springDltHeaders.originalPartition]: int32Header(letter.partition),
    [springDltHeaders.originalOffset]: int64Header(BigInt(letter.offset)),
    [springDltHeaders.originalTimestamp]: int64Header(BigInt(letter.timestamp)),
    [springDltHeaders.originalConsumerGroup]: Buffer.from(letter.consumerGroup),
    [springDltHeaders.exceptionClass]: Buffer.from(failure.className),
    [springDltHeaders.exceptionMessage]: Buffer.from(failure.message),
    [springDltHeaders.exceptionStacktrace]: Buffer.from(
      javaStackTrace(failure, springListenerFrames),
    ),
  };
  if (failure.causeClassName) {
    headers[springDltHeaders.exceptionCauseClass] = Buffer.from(failure.causeClassName);
  }
  return headers;
}

/** Connect headers outside the set Eventscope reads, written for realism. */
const connectExtraHeaders = {
  stage: '__connect.errors.stage',
  executingClass: '__connect.errors.class.name',
  taskId: '__connect.errors.task.id',
} as const;

export interface ConnectDeadLetter {
  topic: string;
  partition: number;
  offset: string;
  connectorName: string;
  taskId: number;
  /** Where the connector failed: converting the bytes, or writing to the sink. */
  stage: 'VALUE_CONVERTER' | 'TASK_PUT';
  executingClass: string;
  failure: JavaFailure;
}

/** The headers a Kafka Connect sink adds with `errors.deadletterqueue.context.headers.enable`. */
export function connectDeadLetterHeaders(letter: ConnectDeadLetter): HeaderMap {
  return {
    [connectDlqHeaders.topic]: letter.topic,
    [connectDlqHeaders.partition]: String(letter.partition),
    [connectDlqHeaders.offset]: letter.offset,
    [connectDlqHeaders.connectorName]: letter.connectorName,
    [connectExtraHeaders.taskId]: String(letter.taskId),
    [connectExtraHeaders.stage]: letter.stage,
    [connectExtraHeaders.executingClass]: letter.executingClass,
    [connectDlqHeaders.exceptionClass]: letter.failure.className,
    [connectDlqHeaders.exceptionMessage]: letter.failure.message,
    [connectDlqHeaders.exceptionStacktrace]: javaStackTrace(letter.failure, connectTaskFrames),
  };
}
