import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Alert,
  type Replay,
  DlqStatsSchema,
  GroupHistorySchema,
  GroupLagSchema,
  GroupPageSchema,
  HealthSchema,
  TimelineSchema,
  TraceSummarySchema,
} from '@eventscope/shared';
import { scratchDirs } from '@eventscope/tools/scratch';
import { launchBrowser, screenshot, watchConsole } from './browser';
import { processesMatching, spawnWithOutput, type Spawned } from './processes';
import { eventually } from './eventually';

/**
 * The two-command promise, end to end: `npm start` with no KAFKA_BROKERS brings up the bundled
 * Kafka, the api, the web app and the demo shop; every screen has live data within a minute;
 * Ctrl-C stops it all. One process serves every test in this file, in order.
 */
const startScript = fileURLToPath(new URL('../../api/src/start.ts', import.meta.url));
const scratch = scratchDirs();
const dataDir = scratch.make('es-start-');
let started: Spawned;
let url: string;
let startedAt: number;

const getJson = async (path: string): Promise<unknown> => {
  const res = await fetch(`${url}${path}`);
  if (!res.ok) throw new Error(`${path} → ${res.status}`);
  return res.json();
};

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EVENTSCOPE_PORT: '0',
    EVENTSCOPE_DATA_DIR: dataDir,
    EVENTSCOPE_LOG_LEVEL: 'warn',
    EVENTSCOPE_SAMPLE_INTERVAL_MS: '2000',
  };
  delete env.KAFKA_BROKERS;
  delete env.DATABASE_URL;
  startedAt = Date.now();
  started = spawnWithOutput(process.execPath, ['--import', 'tsx', startScript], env);
  const [, found] = await started.waitForOutput(/running at (http:\/\/\S+) /, 120_000);
  url = found ?? '';
});

afterAll(async () => {
  // Only reached with a live process when an assertion failed: do not leak it.
  if (started.child.exitCode === null) started.child.kill('SIGKILL');
  for (const pid of processesMatching(dataDir)) process.kill(pid, 'SIGKILL');
  await scratch.remove();
});

describe('npm start (the embedded defaults)', () => {
  it('binds 127.0.0.1 and reports the local Kafka and the store up', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await eventually(async () => {
      const h = HealthSchema.parse(await getJson('/api/health'));
      if (!h.clusters[0]?.reachable) throw new Error('cluster not reachable yet');
      return h;
    }, 20_000);
    expect(health.clusters).toEqual([
      expect.objectContaining({ id: 'local', reachable: true, brokersUp: 1 }),
    ]);
    expect(health.store).toMatchObject({ engine: 'pglite', status: 'up' });
  });

  it('has groups, lag history, a DLQ with dead letters and a trace with its DLQ detour within 60 s', async () => {
    const deadline = startedAt + 60_000;
    const groups = await eventually(async () => {
      const page = GroupPageSchema.parse(await getJson('/api/consumer-groups?cluster=local'));
      const names = page.items.map((g) => g.group);
      if (!names.includes('payments') || !names.includes('shipping'))
        throw new Error(`groups: ${names.join(',')}`);
      // A group is listed as soon as it has members; its lag in seconds is known a sample
      // later (after its first commit, once the record timestamps have been read).
      const unknown = page.items.filter((g) => g.lagSeconds === null).map((g) => g.group);
      if (unknown.length > 0) throw new Error(`lag seconds unknown for: ${unknown.join(',')}`);
      return page;
    }, deadline - Date.now());
    expect(groups.items.every((g) => g.lagSeconds !== null)).toBe(true);

    // History is written to the store after the snapshot already serves the list above.
    const history = await eventually(async () => {
      const h = GroupHistorySchema.parse(
        await getJson('/api/consumer-groups/local/shipping/history'),
      );
      if (!h.points.some((p) => p.lagMessages !== null)) throw new Error('no lag history yet');
      return h;
    }, deadline - Date.now());
    expect(history.points.some((p) => p.lagMessages !== null)).toBe(true);

    // Depth comes with every sample; sources and error classes from reading the dead letters'
    // headers, which can take a later sample.
    const dlq = await eventually(async () => {
      const dlqs = DlqStatsSchema.array().parse(await getJson('/api/dlqs'));
      const found = dlqs.find((d) => d.topic === 'payments-dlt' && (d.depth ?? 0) > 0);
      if (!found) throw new Error('no dead letters yet');
      if (!found.sourceTopics.includes('orders') || found.errorClasses.length === 0)
        throw new Error(`dead letters not read yet: ${JSON.stringify(found)}`);
      return found;
    }, deadline - Date.now());
    expect(dlq.sourceTopics).toContain('orders');
    expect(dlq.errorClasses.length).toBeGreaterThan(0);

    // Hop spans from the broker can show a dead letter before the services' own OTLP batch
    // arrives: wait for a detour trace that has both.
    const detour = await eventually(async () => {
      const traces = TraceSummarySchema.array().parse(
        await getJson('/api/traces?topic=payments-dlt&limit=5'),
      );
      for (const t of traces) {
        const timeline = TimelineSchema.parse(await getJson(`/api/traces/${t.traceId}`));
        const services = new Set(timeline.spans.map((s) => s.service));
        if (services.has('order-generator') && services.has('payments')) return timeline;
      }
      throw new Error('no dead-lettered trace with the services’ spans yet');
    }, deadline - Date.now());
    expect(detour.segments).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'dlq', label: 'payments-dlt' })]),
    );
    expect(Date.now()).toBeLessThanOrEqual(deadline);
  });

  it('shows the overview in Chromium without console errors', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems = watchConsole(page);
      await page.goto(url);
      await page
        .getByRole('article')
        .filter({ hasText: 'local' })
        .getByText('reachable', { exact: true })
        .waitFor({ timeout: 15_000 });
      await screenshot(page, 'start-overview');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('raises the shipping lag seconds steadily while the demo consumer is paused', async () => {
    // Demo mode allows anonymous reads only; controls need an operator, so sign in with the bootstrap token.
    const token = /bootstrap token: (es_[A-Za-z0-9_-]+)/.exec(started.output())?.[1];
    expect(token).toBeDefined();
    const command = (body: object) =>
      fetch(`${url}/api/demo/commands`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await command({ action: 'pause', service: 'shipping' })).status).toBe(200);
    const readings: number[] = [];
    await eventually(async () => {
      const group = GroupLagSchema.parse(await getJson('/api/consumer-groups/local/shipping'));
      const last = readings.at(-1);
      if (group.lagSeconds !== null && (last === undefined || group.lagSeconds > last))
        readings.push(group.lagSeconds);
      if (readings.length < 4) throw new Error(`lag seconds so far: ${readings.join(', ')}`);
    }, 45_000);
    expect(readings[3]).toBeGreaterThan((readings[0] ?? 0) + 3);
    expect((await command({ action: 'resume', service: 'shipping' })).status).toBe(200);
  });

  it('walks the screens in Chromium: groups → group detail, topics, DLQs → DLQ detail, trace search → timeline', async () => {
    const dead = TraceSummarySchema.array().parse(
      await getJson('/api/traces?topic=payments-dlt&limit=1'),
    )[0];
    const correlationId = dead?.correlationIds[0];
    expect(correlationId).toBeDefined();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems = watchConsole(page);

      await page.goto(`${url}/groups`);
      await page.getByRole('link', { name: 'shipping', exact: true }).click();
      await page.getByRole('heading', { name: 'shipping' }).waitFor();
      await page.getByRole('heading', { name: 'Partitions' }).waitFor();
      await page
        .getByText(/offsets have not moved|consuming|caught up|lag/)
        .first()
        .waitFor();
      await screenshot(page, 'group-detail');

      await page.goto(`${url}/topics`);
      await page.getByRole('heading', { name: 'Topics' }).waitFor();
      await page.getByRole('link', { name: 'orders', exact: true }).first().waitFor();
      await screenshot(page, 'topics');

      await page.goto(`${url}/dlqs`);
      await page.getByRole('link', { name: 'payments-dlt', exact: true }).first().click();
      await page.getByText('Failures by exception class').waitFor();
      await screenshot(page, 'dlq-detail');

      await page.goto(`${url}/traces`);
      await page
        .getByRole('searchbox', { name: 'Trace or correlation id' })
        .fill(correlationId ?? '');
      await page.getByRole('searchbox', { name: 'Trace or correlation id' }).press('Enter');
      await page.getByText('DLQ payments-dlt').first().waitFor({ timeout: 15_000 });
      await page
        .getByText(correlationId ?? '')
        .first()
        .waitFor();
      await screenshot(page, 'timeline-dlq-detour');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('on call in Chromium: an alert goes pending then firing and links to its group; one dead letter replayed with a dry run first; its timeline shows the DLQ detour and the replay; viewers cannot replay', async () => {
    const token = /bootstrap token: (es_[A-Za-z0-9_-]+)/.exec(started.output())?.[1] ?? '';
    expect(token).not.toBe('');
    const call = (method: string, path: string, body?: object, auth = true) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${token}` } : {}),
          'content-type': 'application/json',
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const send = async (method: string, path: string, body?: object) => {
      const res = await call(method, path, body);
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.json() as Promise<unknown>;
    };
    const alertStates = async () =>
      ((await send('GET', '/api/alerts?state=pending,firing')) as Alert[])
        .filter((a) => a.ruleName === 'ShippingBehind')
        .map((a) => a.state);
    const dlqDepth = async () =>
      DlqStatsSchema.array()
        .parse(await getJson('/api/dlqs'))
        .find((d) => d.topic === 'payments-dlt')?.depth ?? null;

    await send('POST', '/api/alert-rules', {
      name: 'ShippingBehind',
      metric: 'lagSeconds',
      matchers: { cluster: 'local', group: 'shipping' },
      op: '>',
      threshold: 3,
      forSeconds: 6,
      severity: 'critical',
      annotations: { summary: 'shipping is {{value}} s behind' },
    });
    await send('POST', '/api/demo/commands', { action: 'pause', service: 'shipping' });
    const seen = new Set<string>();
    await eventually(async () => {
      for (const state of await alertStates()) seen.add(state);
      if (!seen.has('firing')) throw new Error(`alert states so far: ${[...seen].join(', ')}`);
    }, 60_000);
    expect([...seen].sort()).toEqual(['firing', 'pending']);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems = watchConsole(page);
      await page.goto(`${url}/sign-in`);
      await page.getByLabel('API token').fill(token);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));

      // The firing alert links to the group, with a time range that shows the alert.
      await page.goto(`${url}/alerts`);
      const explain = page.getByRole('link', { name: 'Explain: ShippingBehind' }).first();
      await explain.waitFor();
      await screenshot(page, 'alerts-firing');
      await explain.click();
      await page.waitForURL(`${url}/groups/local/shipping?range=15m`);
      await page.getByRole('heading', { name: 'shipping' }).waitFor();
      await send('POST', '/api/demo/commands', { action: 'resume', service: 'shipping' });

      // No new dead letters while payments is paused: the depth can only change by our replay.
      await send('POST', '/api/demo/commands', { action: 'pause', service: 'payments' });
      let before: number | null = null;
      await eventually(async () => {
        const first = await dlqDepth();
        await new Promise((resolve) => setTimeout(resolve, 2500));
        const second = await dlqDepth();
        if (first === null || first !== second || first === 0)
          throw new Error(`depth not settled: ${first} → ${second}`);
        before = second;
      }, 45_000);

      await page.goto(`${url}/dlqs/local/payments-dlt`);
      await page
        .getByRole('checkbox', { name: /^Select (?!all)/ })
        .first()
        .check();
      await page.getByRole('button', { name: 'Replay 1 selected…' }).click();
      // The confirm button names count and target only once the dry run answered.
      const confirm = page.getByRole('button', { name: 'Replay 1 message to orders' });
      await confirm.waitFor({ timeout: 20_000 });
      await screenshot(page, 'replay-dry-run');
      await confirm.click();
      await page.getByRole('progressbar', { name: 'Replay progress' }).first().waitFor();
      let replayId = '';
      let replayed: { partition: number; offset: string } | undefined;
      await eventually(async () => {
        const replays = (await send('GET', '/api/replays?dlq=payments-dlt')) as Replay[];
        const done = replays.find((r) => r.status === 'completed' && r.replayed === 1);
        if (!done) throw new Error(JSON.stringify(replays.map((r) => [r.status, r.replayed])));
        replayId = done.id;
        if ('offsets' in done.selection) replayed = done.selection.offsets[0];
      }, 60_000);
      await screenshot(page, 'replay-progress');
      await eventually(async () => {
        expect(await dlqDepth()).toBe((before ?? 0) - 1);
      }, 30_000);

      // The replayed message's timeline: the DLQ detour, then the replay.
      expect(replayed).toBeDefined();
      await page.goto(
        `${url}/dlqs/local/payments-dlt?msg=${replayed?.partition ?? 0}-${replayed?.offset ?? 0}`,
      );
      const traceLink = page.locator('.dlq-drawer a[href^="/traces/"]').first();
      await traceLink.click();
      await page.getByText('DLQ payments-dlt').first().waitFor({ timeout: 20_000 });
      await page
        .getByText(/^replay /)
        .first()
        .waitFor({ timeout: 20_000 });
      await screenshot(page, 'timeline-replay');
      expect(replayId).not.toBe('');
      expect(problems).toEqual([]);

      // Anonymous demo reads are viewer reads: the DLQ is visible, replay is neither offered nor allowed.
      const viewer = await browser.newContext();
      const viewerPage = await viewer.newPage();
      await viewerPage.goto(`${url}/dlqs/local/payments-dlt`);
      await viewerPage.getByText('Failures by exception class').waitFor();
      expect(await viewerPage.getByRole('button', { name: /^Replay/ }).count()).toBe(0);
      const refused = await call(
        'POST',
        '/api/dlqs/local/payments-dlt/replays',
        { selection: { all: true } },
        false,
      );
      expect(refused.status).toBe(401);
    } finally {
      await send('POST', '/api/demo/commands', { action: 'resume', service: 'payments' });
      await browser.close();
    }
  });

  it('stops everything on Ctrl-C, Kafka included', async () => {
    expect(processesMatching(dataDir).length).toBeGreaterThan(0);
    started.child.kill('SIGINT');
    expect(await started.exited).toBe(0);
    expect(processesMatching(dataDir)).toEqual([]);
  });
});
