import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../domain/errors';
import { engines, prepareTemplates, removeTemplates, storePerTest } from '../testing/engines';
import { makeGroup, makeSnapshot } from '../testing/snapshots';
import { setAcknowledgement } from './alerts';
import { createRule } from './rules';
import { createSilence, expireSilence, listSilences } from './silences';
import { admin, harness, operator, rule } from './test-helpers';

beforeAll(prepareTemplates);
afterAll(removeTemplates);

const pglite = engines[0];
if (!pglite) throw new Error('no PGlite target');
const store = storePerTest(() => pglite.target());
const { at, setup, unreachable } = harness(store);

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('silences', () => {
  it('a silenced alert is visible as silenced and handed over flagged, until the silence ends', async () => {
    const { center, deps, lag, alerts } = setup();
    await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    const silence = await createSilence(deps, operator, {
      matchers: [{ label: 'group', op: '=~', value: 'pay.*' }],
      endsAt: inAnHour(),
      comment: 'deploying payments',
    });
    expect(silence).toMatchObject({ status: 'active', createdBy: 'token:oncall' });

    // A minute on: the silence started at the wall-clock time it was created.
    await lag(60, 50);
    await lag(60, 50, 'orders');
    const silenced = await alerts({ silenced: 'true' });
    expect(silenced).toEqual([
      expect.objectContaining({
        state: 'firing',
        silenced: true,
        silencedBy: [silence.id],
        labels: expect.objectContaining({ group: 'payments' }),
      }),
    ]);
    expect((await alerts({ silenced: 'false' })).map((a) => a.labels.group)).toEqual(['orders']);
    const handed = center.seen('firing').find((a) => a.labels.group === 'payments');
    expect(handed).toMatchObject({ silenced: true });

    await expireSilence(deps, operator, silence.id);
    expect((await alerts({ silenced: 'true' })).length).toBe(0);
    expect(center.calls.at(-1)?.alerts.find((a) => a.labels.group === 'payments')).toMatchObject({
      silenced: false,
    });
    expect(await listSilences(deps, operator, { status: 'expired' })).toEqual([
      expect.objectContaining({ id: silence.id, status: 'expired' }),
    ]);
  });

  it('a silence that starts later is pending and silences nothing yet', async () => {
    const { deps, lag, alerts } = setup();
    await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    const silence = await createSilence(deps, operator, {
      matchers: [{ label: 'alertname', op: '=', value: 'rule-lagSeconds' }],
      startsAt: new Date(Date.now() + 1_800_000).toISOString(),
      endsAt: inAnHour(),
      comment: 'maintenance window',
    });
    expect(silence.status).toBe('pending');
    await lag(0, 50);
    expect((await alerts())[0]?.silenced).toBe(false);
  });

  it.each([
    [
      'a silence that matches everything',
      { matchers: [{ label: 'group', op: '=~' as const, value: '.*' }], endsAt: inAnHour() },
      'matchers',
    ],
    [
      'an end in the past',
      {
        matchers: [{ label: 'group', op: '=' as const, value: 'x' }],
        endsAt: '2020-01-01T00:00:00Z',
      },
      'endsAt',
    ],
  ])('refuses %s, naming the field', async (_what, input, field) => {
    const { deps } = setup();
    await expect(createSilence(deps, operator, { ...input, comment: 'x' })).rejects.toThrow(
      new RegExp(`^invalid body: ${field}: `),
    );
  });
});

describe('inhibition', () => {
  it('a firing cluster-unreachable alert inhibits the lag alerts of that cluster only', async () => {
    const { center, deps, evaluate, alerts } = setup();
    await createRule(deps, admin, rule({ name: 'Lag', metric: 'lagSeconds', forSeconds: 0 }));
    await createRule(
      deps,
      admin,
      rule({
        name: 'Cluster down',
        metric: 'clusterUnreachable',
        op: '==',
        threshold: 1,
        forSeconds: 5,
      }),
    );
    const c1 = makeSnapshot(at(0).toISOString(), [makeGroup('payments', 100, 50)], 'c1');
    const c2 = makeSnapshot(
      at(0).toISOString(),
      [makeGroup('payments', 100, 50, 'OK', 'c2')],
      'c2',
    );
    await evaluate(0, c1);
    await evaluate(0, c2);
    await evaluate(5, unreachable(5, c1));
    const pendingDown = await alerts();
    expect(pendingDown.find((a) => a.ruleName === 'Cluster down')?.state).toBe('pending');
    expect(pendingDown.every((a) => !a.inhibited)).toBe(true);

    await evaluate(10, unreachable(10, c1));
    const all = await alerts();
    const down = all.find((a) => a.ruleName === 'Cluster down');
    expect(down).toMatchObject({
      state: 'firing',
      url: '/?cluster=c1&range=15m',
      inhibited: false,
    });
    const lagC1 = all.find((a) => a.ruleName === 'Lag' && a.labels.cluster === 'c1');
    const lagC2 = all.find((a) => a.ruleName === 'Lag' && a.labels.cluster === 'c2');
    expect(lagC1).toMatchObject({
      state: 'firing',
      health: 'nodata',
      inhibited: true,
      inhibitedBy: [down?.id],
    });
    expect(lagC2).toMatchObject({ state: 'firing', inhibited: false });
    const last = center.calls.at(-1)?.alerts ?? [];
    expect(last.find((a) => a.fingerprint === lagC1?.id)).toMatchObject({ inhibited: true });
    expect(last.find((a) => a.fingerprint === down?.id)).toMatchObject({ inhibited: false });

    await evaluate(15, { ...c1, at: at(15).toISOString() });
    const back = await alerts();
    expect(back.find((a) => a.ruleName === 'Cluster down')?.state).toBe('resolved');
    expect(back.find((a) => a.id === lagC1?.id)).toMatchObject({
      state: 'firing',
      health: 'ok',
      inhibited: false,
    });
  });
});

describe('acknowledgements', () => {
  it('an operator acknowledges an active alert; it clears when the alert fires again later', async () => {
    const { center, deps, lag, alerts } = setup();
    await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    await lag(0, 50);
    const [alert] = await alerts();
    if (!alert) throw new Error('no alert');

    const acked = await setAcknowledgement(deps, operator, alert.id, { comment: 'on it' });
    expect(acked.acknowledged).toMatchObject({ by: 'token:oncall', comment: 'on it' });
    expect(center.calls.at(-1)?.alerts[0]).toMatchObject({ acknowledged: true });
    await lag(5, 50);
    expect((await alerts())[0]?.acknowledged?.by).toBe('token:oncall');

    await setAcknowledgement(deps, operator, alert.id, null);
    expect((await alerts())[0]?.acknowledged).toBeNull();
    await setAcknowledgement(deps, operator, alert.id, {});

    await lag(10, 1);
    await expect(setAcknowledgement(deps, operator, alert.id, {})).rejects.toBeInstanceOf(
      ConflictError,
    );
    await lag(15, 50);
    expect((await alerts())[0]).toMatchObject({
      id: alert.id,
      state: 'firing',
      acknowledged: null,
    });
  });

  it('needs the operator role', async () => {
    const { deps } = setup();
    const viewer = { ...operator, role: 'viewer' as const };
    await expect(setAcknowledgement(deps, viewer, 'x', {})).rejects.toThrow(/operator role/);
  });
});
