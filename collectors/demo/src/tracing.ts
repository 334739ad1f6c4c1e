/**
 * OpenTelemetry for the demo shop. `@opentelemetry/instrumentation-kafkajs` patches the kafkajs
 * module once per process through require-in-the-middle, which sees CommonJS `require` calls only:
 * an ESM `import 'kafkajs'` bypasses it. So the instrumentation is registered first and kafkajs is
 * then loaded with `createRequire` (`loadKafkaJs`); the patch lands on `Kafka.prototype`, which
 * every importer shares.
 *
 * The patch is process-wide but each demo service has its own NodeTracerProvider (its own
 * `service.name`). The instrumentation gets a routing provider that sends each span to the service
 * found in the active context (`ServiceTracing.run`), and starts no span at all outside a demo
 * service, so other kafkajs users in the process (the collectors) are neither traced nor have
 * headers added.
 */
import { createRequire } from 'node:module';
import type * as KafkaJs from 'kafkajs';
import {
  context,
  createContextKey,
  INVALID_SPAN_CONTEXT,
  propagation,
  trace,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { isWrapped, registerInstrumentations } from '@opentelemetry/instrumentation';
import {
  KafkaJsInstrumentation,
  type KafkajsMessage,
} from '@opentelemetry/instrumentation-kafkajs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { correlationSpanAttribute } from '@eventscope/shared';
import type { DemoLogger } from './options';
import { correlationIdOf } from './records';

const serviceKey = createContextKey('eventscope.demo.service');
const consumerGroupAttribute = 'messaging.consumer.group.name';
const tracerName = '@eventscope/demo';

/** One demo service's tracer provider and exporter. */
export class ServiceTracing {
  readonly tracer: Tracer;

  constructor(
    readonly serviceName: string,
    private readonly provider: NodeTracerProvider,
    /** Set on the consumer spans the instrumentation starts for this service. */
    readonly consumerGroup?: string,
  ) {
    this.tracer = provider.getTracer(tracerName);
  }

  /** Runs `fn` as this service: kafkajs spans started inside (even later, asynchronously) are its. */
  run<T>(fn: () => T): T {
    return context.with(context.active().setValue(serviceKey, this), fn);
  }

  /** Runs `fn` without tracing: sends inside keep the record headers exactly as given. */
  untraced<T>(fn: () => T): T {
    return context.with(suppressTracing(context.active()), fn);
  }

  /** Exports what is buffered, then stops the exporter. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

function serviceIn(ctx: Context): ServiceTracing | undefined {
  const value = ctx.getValue(serviceKey);
  return value instanceof ServiceTracing ? value : undefined;
}

/** Hands each span to the tracer of the service running in the active context. */
class RoutingTracer implements Tracer {
  startSpan(name: string, options?: SpanOptions, ctx?: Context): Span {
    const service = serviceIn(context.active());
    // Outside the demo: an invalid span, which the propagator never injects.
    if (!service) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    return service.tracer.startSpan(name, options, ctx);
  }

  startActiveSpan<F extends (span: Span) => ReturnType<F>>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => ReturnType<F>>(
    name: string,
    options: SpanOptions,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => ReturnType<F>>(
    name: string,
    options: SpanOptions,
    ctx: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => ReturnType<F>>(
    name: string,
    a: F | SpanOptions,
    b?: F | Context,
    c?: F,
  ): ReturnType<F> {
    const fn = typeof a === 'function' ? a : typeof b === 'function' ? b : c;
    if (!fn) throw new TypeError('startActiveSpan needs a function');
    const options = typeof a === 'function' ? undefined : a;
    const parent = b !== undefined && typeof b !== 'function' ? b : context.active();
    const span = this.startSpan(name, options, parent);
    return context.with(trace.setSpan(parent, span), fn, undefined, span);
  }
}

const routingProvider: TracerProvider = { getTracer: () => new RoutingTracer() };

/** Adds the correlation id and consumer group, which the instrumentation does not record. */
function describeSpan(span: Span, message: KafkajsMessage, consumer: boolean): void {
  const correlationId = correlationIdOf(message.headers);
  if (correlationId) span.setAttribute(correlationSpanAttribute, correlationId);
  const group = consumer ? serviceIn(context.active())?.consumerGroup : undefined;
  if (group) span.setAttribute(consumerGroupAttribute, group);
}

let kafkajs: typeof KafkaJs | undefined;

/**
 * kafkajs with the instrumentation applied. Also installs, if nobody did, the global context
 * manager (AsyncLocalStorage) and W3C propagator the instrumentation relies on.
 */
export function loadKafkaJs(logger: DemoLogger): typeof KafkaJs {
  if (kafkajs) return kafkajs;
  const manager = new AsyncLocalStorageContextManager();
  if (!context.setGlobalContextManager(manager.enable())) manager.disable();
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  registerInstrumentations({
    tracerProvider: routingProvider,
    instrumentations: [
      new KafkaJsInstrumentation({
        producerHook: (span, { message }) => describeSpan(span, message, false),
        consumerHook: (span, { message }) => describeSpan(span, message, true),
      }),
    ],
  });
  const requireCjs = createRequire(import.meta.url);
  const loaded: typeof KafkaJs = requireCjs('kafkajs');
  if (!isWrapped(loaded.Kafka.prototype.producer)) {
    logger.warn({}, 'kafkajs was not instrumented: demo records will carry no traceparent');
  }
  kafkajs = loaded;
  return loaded;
}

export interface ServiceTracingOptions {
  serviceName: string;
  apiUrl: string;
  exportDelayMs: number;
  consumerGroup?: string;
}

export function createServiceTracing(options: ServiceTracingOptions): ServiceTracing {
  const exporter = new OTLPTraceExporter({
    url: `${options.apiUrl.replace(/\/+$/, '')}/v1/traces`,
    timeoutMillis: 5_000,
  });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      'service.namespace': 'eventscope-demo',
    }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: options.exportDelayMs,
        maxExportBatchSize: 512,
        maxQueueSize: 4_096,
      }),
    ],
  });
  return new ServiceTracing(options.serviceName, provider, options.consumerGroup);
}
