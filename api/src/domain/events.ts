import type { StreamEvent } from '@eventscope/shared';

export type EventListener = (event: StreamEvent) => void;

/** In-process fan-out of change notifications to every open /api/stream connection. */
export interface EventBus {
  publish(event: StreamEvent): void;
  subscribe(listener: EventListener): () => void;
  readonly listenerCount: number;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
