import { describe, expect, it, vi } from 'vitest';
import { applyDemoCommand, DemoCommandSchema } from './control';
import { DemoStoppedError, type DemoHandle } from './demo';
import type { DemoStatus } from './stats';
import { demoGroups, demoTopics } from './topics';

function fakeHandle() {
  const status: DemoStatus = {
    running: true,
    startedAt: new Date(0).toISOString(),
    topics: demoTopics(),
    groups: demoGroups(),
    paused: [],
    slowShipping: false,
    pendingPoison: 0,
    targetOrdersPerSecond: 5,
    produced: { orders: 0, payments: 0, shipments: 0 },
    consumed: { payments: 0, shipping: 0 },
    deadLettered: { payments: 0, connect: 0, binary: 0 },
    oversizedOrders: 0,
    rates: { orders: 0, payments: 0, shipments: 0, deadLetters: 0 },
  };
  const state = { stopped: false };
  const handle = {
    topics: status.topics,
    groups: status.groups,
    stop: vi.fn(async () => undefined),
    pause: vi.fn(async () => {
      if (state.stopped) throw new DemoStoppedError();
    }),
    resume: vi.fn(async () => undefined),
    burst: vi.fn(async () => undefined),
    poisonNext: vi.fn(),
    status: vi.fn(() => status),
  } satisfies DemoHandle;
  return Object.assign(handle, { state });
}

describe('demo commands', () => {
  it('accepts the four commands and nothing else', () => {
    expect(DemoCommandSchema.parse({ action: 'pause', service: 'shipping' })).toEqual({
      action: 'pause',
      service: 'shipping',
    });
    expect(DemoCommandSchema.safeParse({ action: 'pause', service: 'orders' }).success).toBe(false);
    expect(DemoCommandSchema.safeParse({ action: 'burst', count: 0 }).success).toBe(false);
    expect(DemoCommandSchema.safeParse({ action: 'burst', count: 1.5 }).success).toBe(false);
    expect(DemoCommandSchema.safeParse({ action: 'poison', count: 2, extra: 1 }).success).toBe(
      false,
    );
    expect(DemoCommandSchema.safeParse({ action: 'stop' }).success).toBe(false);
  });

  it('applies each command to the handle', async () => {
    const handle = fakeHandle();
    await applyDemoCommand(handle, { action: 'pause', service: 'payments' });
    await applyDemoCommand(handle, { action: 'resume', service: 'payments' });
    await applyDemoCommand(handle, { action: 'burst', count: 10 });
    const status = await applyDemoCommand(handle, { action: 'poison', count: 2 });
    expect(handle.pause).toHaveBeenCalledWith('payments');
    expect(handle.resume).toHaveBeenCalledWith('payments');
    expect(handle.burst).toHaveBeenCalledWith(10);
    expect(handle.poisonNext).toHaveBeenCalledWith(2);
    expect(status.running).toBe(true);
  });
});
