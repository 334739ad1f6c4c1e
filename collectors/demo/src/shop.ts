/** The shop's events and the ways processing them fails. Plain data, no I/O. */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { JavaFailure } from './dead-letters';

const currencies = ['EUR', 'USD', 'GBP'] as const;
const cities = [
  { country: 'DE', city: 'Berlin', postalCode: '10115' },
  { country: 'FR', city: 'Lyon', postalCode: '69001' },
  { country: 'GB', city: 'Leeds', postalCode: 'LS1 4AP' },
  { country: 'US', city: 'Austin', postalCode: '78701' },
  { country: 'NL', city: 'Utrecht', postalCode: '3511' },
] as const;
const skus = ['MUG-001', 'TEE-M-BLK', 'HOODIE-L', 'SOCKS-3P', 'CAP-RED', 'BOTTLE-750'] as const;
const carriers = ['DHL', 'UPS', 'DPD', 'FedEx'] as const;
const methods = ['card', 'paypal', 'sepa'] as const;

function pick<T>(values: readonly T[]): T {
  const value = values[randomInt(values.length)];
  if (value === undefined) throw new RangeError('pick from an empty list');
  return value;
}

export const OrderSchema = z.object({
  orderId: z.string(),
  customerId: z.string(),
  currency: z.string(),
  totalCents: z.int(),
  items: z.array(z.object({ sku: z.string(), quantity: z.int(), unitPriceCents: z.int() })),
  shipTo: z.object({ country: z.string(), city: z.string(), postalCode: z.string() }),
  placedAt: z.string(),
  attachments: z.array(z.object({ name: z.string(), contentBase64: z.string() })).optional(),
});
export type Order = z.infer<typeof OrderSchema>;

export const PaymentSchema = z.object({
  paymentId: z.string(),
  orderId: z.string(),
  amountCents: z.int(),
  currency: z.string(),
  method: z.string(),
  shipTo: OrderSchema.shape.shipTo,
  authorizedAt: z.string(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export interface Shipment {
  shipmentId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  country: string;
  city: string;
  createdAt: string;
}

/** Size of the attachment on an oversized order, before base64 (~300 KiB on the wire). */
const oversizedAttachmentBytes = 225 * 1024;

export function makeOrder(options: { oversized: boolean }): Order {
  const items = Array.from({ length: 1 + randomInt(4) }, () => ({
    sku: pick(skus),
    quantity: 1 + randomInt(3),
    unitPriceCents: 500 + randomInt(9_500),
  }));
  const order: Order = {
    orderId: `ord-${randomUUID().slice(0, 13)}`,
    customerId: `cus-${randomInt(100_000).toString().padStart(5, '0')}`,
    currency: pick(currencies),
    totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
    items,
    shipTo: { ...pick(cities) },
    placedAt: new Date().toISOString(),
  };
  if (options.oversized) {
    // A scanned invoice someone attached to the order: the classic "why is this event 300 KB".
    order.attachments = [
      {
        name: 'invoice-scan.pdf',
        contentBase64: randomBytes(oversizedAttachmentBytes).toString('base64'),
      },
    ];
  }
  return order;
}

/**
 * Bytes that are not UTF-8: a record an old client wrote with a binary serializer (here the
 * Confluent wire format: magic byte 0, a 4-byte schema id, then Avro), which the JSON listener
 * cannot read.
 */
export function binaryPayload(): Buffer {
  const body = randomBytes(48 + randomInt(80));
  // 0xC3 followed by 0x28 is an invalid UTF-8 sequence, so no decoder mistakes this for text.
  return Buffer.concat([Buffer.from([0x00, 0x00, 0x00, 0x01, 0x2a, 0xc3, 0x28, 0xff]), body]);
}

export function makePayment(order: Order): Payment {
  return {
    paymentId: `pay-${randomUUID().slice(0, 13)}`,
    orderId: order.orderId,
    amountCents: order.totalCents,
    currency: order.currency,
    method: pick(methods),
    shipTo: order.shipTo,
    authorizedAt: new Date().toISOString(),
  };
}

export function makeShipment(payment: Payment): Shipment {
  return {
    shipmentId: `shp-${randomUUID().slice(0, 13)}`,
    orderId: payment.orderId,
    carrier: pick(carriers),
    trackingNumber: randomBytes(6).toString('hex').toUpperCase(),
    country: payment.shipTo.country,
    city: payment.shipTo.city,
    createdAt: new Date().toISOString(),
  };
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

export type Decoded<T> = { ok: true; value: T } | { ok: false; failure: JavaFailure };

/** Reads an order the way a Spring JSON listener would, failing like one. */
export function decodeOrder(value: Buffer | null): Decoded<Order> {
  let text: string;
  try {
    text = fatalDecoder.decode(value ?? Buffer.alloc(0));
  } catch {
    const byte = value?.find((b) => b >= 0x80) ?? 0;
    return {
      ok: false,
      failure: deserializationFailure(`Invalid UTF-8 start byte 0x${byte.toString(16)}`),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, failure: deserializationFailure(String(error)) };
  }
  const order = OrderSchema.safeParse(json);
  if (!order.success) {
    return {
      ok: false,
      failure: deserializationFailure(order.error.issues[0]?.message ?? 'bad order'),
    };
  }
  return { ok: true, value: order.data };
}

function deserializationFailure(reason: string): JavaFailure {
  return {
    className: 'org.springframework.kafka.support.serializer.DeserializationException',
    message: `failed to deserialize; nested exception is com.fasterxml.jackson.core.JsonParseException: ${reason}`,
    causeClassName: 'com.fasterxml.jackson.core.JsonParseException',
    causeMessage: reason,
    frames: [
      'org.springframework.kafka.support.serializer.ErrorHandlingDeserializer.deserializationException(ErrorHandlingDeserializer.java:218)',
      'org.springframework.kafka.support.serializer.ErrorHandlingDeserializer.deserialize(ErrorHandlingDeserializer.java:193)',
    ],
  };
}

/** Why a payment was refused; weighted towards the everyday card decline. */
export function paymentFailure(order: Order): JavaFailure {
  const roll = randomInt(10);
  if (roll < 6) {
    return {
      className: 'com.shop.payments.CardDeclinedException',
      message: `Card declined for order ${order.orderId}: insufficient funds (code 51)`,
      frames: [
        'com.shop.payments.gateway.CardAuthorizer.authorize(CardAuthorizer.java:87)',
        'com.shop.payments.PaymentListener.onOrder(PaymentListener.java:42)',
      ],
    };
  }
  if (roll < 8) {
    return {
      className: 'com.shop.payments.fraud.FraudCheckRejectedException',
      message: `Fraud score 0.93 above threshold 0.85 for customer ${order.customerId}`,
      frames: [
        'com.shop.payments.fraud.FraudCheck.verify(FraudCheck.java:64)',
        'com.shop.payments.PaymentListener.onOrder(PaymentListener.java:39)',
      ],
    };
  }
  if (roll < 9) {
    return {
      className: 'com.shop.payments.UnsupportedCurrencyException',
      message: `Currency ${order.currency} is not enabled for merchant account shop-eu-1`,
      frames: [
        'com.shop.payments.CurrencyPolicy.check(CurrencyPolicy.java:31)',
        'com.shop.payments.PaymentListener.onOrder(PaymentListener.java:37)',
      ],
    };
  }
  return {
    className: 'org.springframework.dao.QueryTimeoutException',
    message:
      'PreparedStatementCallback; SQL [insert into payment ...]; Query timed out after 5000ms',
    causeClassName: 'org.postgresql.util.PSQLException',
    causeMessage: 'ERROR: canceling statement due to statement timeout',
    frames: [
      'org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:1548)',
      'com.shop.payments.PaymentRepository.save(PaymentRepository.java:58)',
      'com.shop.payments.PaymentListener.onOrder(PaymentListener.java:51)',
    ],
  };
}

/** Why the warehouse sink connector could not take a shipment. */
export function sinkFailure(
  binary: boolean,
  topic: string,
): {
  stage: 'VALUE_CONVERTER' | 'TASK_PUT';
  executingClass: string;
  failure: JavaFailure;
} {
  if (binary) {
    return {
      stage: 'VALUE_CONVERTER',
      executingClass: 'org.apache.kafka.connect.json.JsonConverter',
      failure: {
        className: 'org.apache.kafka.connect.errors.DataException',
        message: `Converting byte[] to Kafka Connect data failed due to serialization error of topic ${topic}: `,
        causeClassName: 'org.apache.kafka.common.errors.SerializationException',
        causeMessage:
          'com.fasterxml.jackson.core.JsonParseException: Illegal character ((CTRL-CHAR, code 0))',
        frames: [
          'org.apache.kafka.connect.json.JsonConverter.toConnectData(JsonConverter.java:333)',
        ],
      },
    };
  }
  return {
    stage: 'TASK_PUT',
    executingClass: 'io.confluent.connect.jdbc.sink.JdbcSinkTask',
    failure: {
      className: 'org.apache.kafka.connect.errors.ConnectException',
      message:
        'java.sql.BatchUpdateException: Batch entry 0 insert into "shipments" was aborted: ERROR: value too long for type character varying(12)',
      causeClassName: 'java.sql.BatchUpdateException',
      causeMessage: 'ERROR: value too long for type character varying(12)',
      frames: [
        'io.confluent.connect.jdbc.sink.JdbcSinkTask.put(JdbcSinkTask.java:122)',
        'org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:587)',
      ],
    },
  };
}
