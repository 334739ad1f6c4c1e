/**
 * `npm run bench:web`: the SPA in headless Chromium against a real api on 127.0.0.1 (PGlite),
 * fed 200 consumer groups and one 10,000-span trace over OTLP. Prints time to the first
 * meaningful render of the overview and of the timeline, the longest task while scrolling the
 * timeline, and the initial JS bundle (gzip), beside the targets. Stops by itself.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startApp } from '@eventscope/api';
import { makeGroup, makeSnapshot } from '@eventscope/api/testing';
import { parseConfig } from '@eventscope/shared';
import { launchBrowser } from '../browser';

const distDir = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

function initialBundleGzipBytes(): number {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0);
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** One trace of `count` spans in a 4-ary tree over 10 services, as OTLP/JSON batches. */
function otlpBatches(traceId: string, count: number, perBatch: number): object[] {
  const start = BigInt(Date.now() - 60_000) * 1_000_000n;
  const spans = Array.from({ length: count }, (_, i) => ({
    service: `service-${i % 10}`,
    span: {
      traceId,
      spanId: hex(i + 1, 16),
      ...(i === 0 ? {} : { parentSpanId: hex(Math.floor((i - 1) / 4) + 1, 16) }),
      name: `op-${i % 37}`,
      kind: (i % 5) + 1,
      startTimeUnixNano: String(start + BigInt(i) * 1_000_000n),
      endTimeUnixNano: String(start + BigInt(i) * 1_000_000n + 5_000_000n),
      attributes: [{ key: 'messaging.destination.name', value: { stringValue: `topic-${i % 7}` } }],
      status: { code: i % 97 === 0 ? 2 : 1 },
    },
  }));
  const batches: object[] = [];
  for (let i = 0; i < spans.length; i += perBatch) {
    const slice = spans.slice(i, i + perBatch);
    const services = [...new Set(slice.map((s) => s.service))];
    batches.push({
      resourceSpans: services.map((service) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'bench' },
            spans: slice.filter((s) => s.service === service).map((s) => s.span),
          },
        ],
      })),
    });
  }
  return batches;
}

async function main(): Promise<void> {
  const parsed = parseConfig({
    EVENTSCOPE_PORT: '0',
    EVENTSCOPE_HOST: '127.0.0.1',
    EVENTSCOPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'es-bench-web-')),
    EVENTSCOPE_ANONYMOUS_READ: 'true',
    EVENTSCOPE_OTLP_ANONYMOUS: 'true',
    EVENTSCOPE_LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const app = await startApp(parsed.config);
  const browser = await launchBrowser();
  try {
    const now = Date.now();
    for (let k = 3; k >= 0; k--) {
      const at = new Date(now - k * 5000).toISOString();
      const groups = Array.from({ length: 200 }, (_, i) =>
        makeGroup(`group-${i}`, (i * 4 + k) % 900, i + k, i % 9 === 0 ? 'STALL' : 'OK'),
      );
      await app.recorder.record(makeSnapshot(at, groups));
    }
    const traceId = hex(0xbe7c4, 32);
    for (const batch of otlpBatches(traceId, 10_000, 1000)) {
      const res = await fetch(`${app.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (!res.ok) throw new Error(`OTLP ingest answered ${res.status}`);
    }

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });

    const overviewMs: number[] = [];
    const timelineMs: number[] = [];
    let longestScrollTask = 0;
    let scrolledPx = 0;
    for (let run = 0; run < 3; run++) {
      await page.goto(`${app.url}/`, { waitUntil: 'commit' });
      await page.getByRole('link', { name: 'group-199', exact: true }).waitFor();
      overviewMs.push(await page.evaluate(() => performance.now()));

      await page.goto(`${app.url}/traces/${traceId}`, { waitUntil: 'commit' });
      await page.locator('.tl-row').nth(20).waitFor();
      timelineMs.push(await page.evaluate(() => performance.now()));

      await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
      await page.locator('.tl-scroll').hover();
      for (let step = 0; step < 60; step++) {
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(16);
      }
      const scrolled = await page.locator('.tl-scroll').evaluate((el) => el.scrollTop);
      if (scrolled < 10_000) throw new Error(`the timeline did not scroll (scrollTop ${scrolled})`);
      scrolledPx = Math.max(scrolledPx, scrolled);
      longestScrollTask = Math.max(
        longestScrollTask,
        await page.evaluate(() => (window as unknown as { longest: number }).longest),
      );
    }
    const median = (xs: number[]) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const bundle = initialBundleGzipBytes();
    const line = (what: string, value: string, target: string, ok: boolean) =>
      process.stdout.write(
        `${what.padEnd(44)} ${value.padStart(10)}   target ${target.padEnd(10)} ${ok ? 'met' : 'MISSED'}\n`,
      );
    process.stdout.write('bench:web — headless Chromium, real api on PGlite, median of 3 runs\n');
    line(
      'overview: first meaningful render (200 groups)',
      `${median(overviewMs).toFixed(0)} ms`,
      '< 1500 ms',
      median(overviewMs) < 1500,
    );
    line(
      'timeline: first render (10,000 spans)',
      `${median(timelineMs).toFixed(0)} ms`,
      '< 1000 ms',
      median(timelineMs) < 1000,
    );
    // The Long Tasks API reports only tasks of 50 ms or more: none recorded means all were shorter.
    line(
      `longest task scrolling ${scrolledPx} px of timeline`,
      longestScrollTask === 0 ? '< 50 ms' : `${longestScrollTask.toFixed(0)} ms`,
      '< 100 ms',
      longestScrollTask < 100,
    );
    line(
      'initial JS bundle (gzip)',
      `${(bundle / 1024).toFixed(1)} KiB`,
      '< 300 KiB',
      bundle < 300 * 1024,
    );
    process.stdout.write('(render times include the api answering, as a user sees it)\n');
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
