import { Webhook } from 'standardwebhooks';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotifierInputSchema } from '@eventscope/shared';
import { newSigningSecret, newWebhookId, signatureHeaders } from './signing';

describe('Standard Webhooks signing', () => {
  it('generates secrets the API schema accepts and ids that differ', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(
      NotifierInputSchema.safeParse({ name: 'x', type: 'webhook', url: 'https://e.com', secret })
        .success,
    ).toBe(true);
    expect(newWebhookId()).not.toBe(newWebhookId());
  });

  it('signs v1 HMAC-SHA256 over id.timestamp.body, verifiable by a receiver', () => {
    const secret = newSigningSecret();
    const at = new Date();
    const body = '{"version":"4"}';
    const headers = signatureHeaders(secret, 'msg_1', body, at);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`msg_1.${headers['webhook-timestamp']}.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ version: '4' });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
  });
});
