import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got, and what it answered. */
export interface Received {
  at: number;
  /** Path and query the request was sent to. */
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
}

/** Decides the answer to the n-th request (0-based). */
export type Responder = (req: Omit<Received, 'status'>, n: number) => Answer;

export interface TestReceiver {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  respond: Responder;
  /** Stops listening: connections are refused until `listen()` again (same port). */
  close(): Promise<void>;
  listen(): Promise<void>;
  /** Resolves once `count` requests arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A real HTTP receiver on 127.0.0.1 for delivery tests (answers 200 unless told otherwise). */
export async function startTestReceiver(
  options: { port?: number; respond?: Responder; listening?: boolean } = {},
): Promise<TestReceiver> {
  const received: Received[] = [];
  let respond: Responder = options.respond ?? (() => ({ status: 200 }));
  let server: Server | undefined;
  let port = options.port ?? 0;

  async function listen(): Promise<void> {
    const s = createServer((req, res) => {
      void readBody(req).then((body) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string') headers[k] = v;
        }
        const request = { at: Date.now(), path: req.url ?? '', headers, body };
        const answer = respond(request, received.length);
        received.push({ ...request, status: answer.status });
        res.writeHead(answer.status, answer.headers ?? {}).end();
      });
    });
    s.listen(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      s.once('listening', resolve);
      s.once('error', reject);
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  }

  async function close(): Promise<void> {
    const s = server;
    server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }

  if (options.listening !== false || options.port === undefined) await listen();
  if (options.listening === false) await close();

  return {
    get url() {
      return `http://127.0.0.1:${port}/hook`;
    },
    get port() {
      return port;
    },
    received,
    get respond() {
      return respond;
    },
    set respond(r: Responder) {
      respond = r;
    },
    close,
    listen,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} requests, got ${received.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return received.slice(0, count);
    },
  };
}

/** Polls `probe` until it returns a value other than undefined; rejects after `timeoutMs`. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
