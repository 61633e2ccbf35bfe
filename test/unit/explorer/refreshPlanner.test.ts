// The refresh planner's rules, without any call: which rows a refresh describes and which changed, in a
// small account (read whole) and a big one (read lazily, only what the tree shows).
import * as assert from 'node:assert/strict';
import { type EndpointSummary, type InferenceComponentSummary } from '../../../src/aws/accountReader';
import { type ComponentEntry, type EndpointEntry } from '../../../src/explorer/inventory/inventoryEntries';
import { chooseListing, isLazyAccount, listMarginMs, mergeListed, planRefresh, type RefreshMode, type RefreshPlanInput } from '../../../src/explorer/inventory/refreshPlanner';
import { type Lifecycle } from '../../../src/lifecycle/lifecycle';

const t0 = new Date('2025-01-06T09:00:00Z');
const later = new Date('2025-01-06T09:05:00Z');
const endpoint = (name: string, status = 'InService', lastModifiedTime = t0): EndpointSummary => ({ name, arn: `arn:${name}`, status, lastModifiedTime });
const component = (name: string, endpointName: string, status = 'InService', lastModifiedTime = t0): InferenceComponentSummary => ({
  name,
  arn: `arn:${name}`,
  endpointName,
  status,
  lastModifiedTime,
});
/** A row already described (its snapshot's content does not matter to the planner). */
const described = <S>(summary: S, extra: Record<string, unknown> = {}) => ({ summary, snapshot: {} as never, ...extra });
const lifecycle = (state: Lifecycle['state'], inTransition: boolean): Lifecycle => ({ state, label: state, detail: state, inTransition });

const small: RefreshMode = { lazy: false, full: false, firstLoad: false };
const big: RefreshMode = { lazy: true, full: false, firstLoad: false };

function plan(input: Partial<RefreshPlanInput> & Pick<RefreshPlanInput, 'endpointSummaries' | 'componentSummaries' | 'mode'>) {
  return planRefresh({
    endpoints: new Map(),
    components: new Map(),
    watchedEndpoints: new Set(),
    watchedComponentsOf: new Set(),
    ...input,
  });
}

/** Two endpoints, each with one warm component, all described and unchanged since. */
function quietAccount(): Pick<RefreshPlanInput, 'endpoints' | 'components' | 'endpointSummaries' | 'componentSummaries'> {
  const endpointSummaries = [endpoint('a'), endpoint('b')];
  const componentSummaries = [component('a-ic', 'a'), component('b-ic', 'b')];
  return {
    endpointSummaries,
    componentSummaries,
    endpoints: new Map<string, EndpointEntry>(endpointSummaries.map((summary) => [summary.name, described<EndpointSummary>(summary) as EndpointEntry])),
    components: new Map<string, ComponentEntry>(
      componentSummaries.map((summary) => [summary.name, described(summary, { lifecycle: lifecycle('warm', false) }) as ComponentEntry]),
    ),
  };
}

describe('Refresh planner (no HTTP)', () => {
  describe('a small account', () => {
    it('the first refresh describes everything and reports every row and the list as changed', () => {
      const result = plan({
        endpointSummaries: [endpoint('a'), endpoint('b')],
        componentSummaries: [component('a-ic', 'a')],
        mode: { ...small, firstLoad: true },
      });
      assert.deepEqual(result.describeEndpoints, ['a', 'b']);
      assert.deepEqual(result.describeComponents, ['a-ic']);
      assert.deepEqual([...result.changedEndpoints].sort(), ['a', 'b']);
      assert.equal(result.listChanged, true);
      assert.deepEqual([...result.endpoints.keys()], ['a', 'b']);
      assert.equal(result.components.get('a-ic')?.summary.endpointName, 'a');
    });

    it('a quiet refresh describes nothing and changes nothing', () => {
      const result = plan({ ...quietAccount(), mode: small });
      assert.deepEqual(result.describeEndpoints, []);
      assert.deepEqual(result.describeComponents, []);
      assert.deepEqual([...result.changedEndpoints], []);
      assert.equal(result.listChanged, false);
    });

    it('keeps what the earlier entries read, in new entry objects (the inputs are not touched)', () => {
      const account = quietAccount();
      const before = account.components.get('a-ic')!;
      const result = plan({ ...account, mode: small });
      const after = result.components.get('a-ic')!;
      assert.notEqual(after, before);
      assert.equal(after.snapshot, before.snapshot);
      assert.equal(after.lifecycle, before.lifecycle);
      assert.equal(account.components.get('a-ic'), before, 'the previous map is unchanged');
    });

    it('a full refresh describes everything again', () => {
      const result = plan({ ...quietAccount(), mode: { ...small, full: true } });
      assert.deepEqual(result.describeEndpoints, ['a', 'b']);
      assert.deepEqual(result.describeComponents, ['a-ic', 'b-ic']);
      assert.deepEqual([...result.changedEndpoints], [], 'described again, but nothing listed changed');
    });

    it('a component whose LastModifiedTime moved is described with its endpoint, and both rows change', () => {
      const account = quietAccount();
      account.componentSummaries = [component('a-ic', 'a', 'InService', later), component('b-ic', 'b')];
      const result = plan({ ...account, mode: small });
      assert.deepEqual(result.describeComponents, ['a-ic']);
      assert.deepEqual(result.describeEndpoints, ['a'], 'the endpoint of a changed component (its instance count may move)');
      assert.deepEqual([...result.changedEndpoints], ['a']);
    });

    it('keeps describing cold, draining and moving components (so a wake-up shows) and the endpoints of moving ones', () => {
      const account = quietAccount();
      account.components.get('a-ic')!.lifecycle = lifecycle('cold', false);
      account.components.get('b-ic')!.lifecycle = lifecycle('scalingIn', true);
      const result = plan({ ...account, mode: small });
      assert.deepEqual(result.describeComponents, ['a-ic', 'b-ic']);
      assert.deepEqual(result.describeEndpoints, ['b'], 'a cold component does not move its endpoint');
      assert.deepEqual([...result.changedEndpoints], []);
    });

    it('describes any row not in a stable status, and reports a status change', () => {
      const account = quietAccount();
      account.endpointSummaries = [endpoint('a', 'Updating'), endpoint('b')];
      const result = plan({ ...account, mode: small });
      assert.deepEqual(result.describeEndpoints, ['a']);
      assert.deepEqual([...result.changedEndpoints], ['a']);
    });

    it('a new endpoint changes the list; a removed one too, and a removed component changes its endpoint', () => {
      const account = quietAccount();
      const added = plan({ ...account, endpointSummaries: [...account.endpointSummaries, endpoint('c')], mode: small });
      assert.equal(added.listChanged, true);
      assert.deepEqual(added.describeEndpoints, ['c']);

      const removed = plan({ ...account, endpointSummaries: [endpoint('a')], componentSummaries: [component('a-ic', 'a')], mode: small });
      assert.equal(removed.listChanged, true);
      assert.deepEqual([...removed.changedEndpoints], ['b']);
      assert.equal(removed.endpoints.has('b'), false);
      assert.equal(removed.components.has('b-ic'), false);
    });
  });

  describe('a big account (lazy)', () => {
    it('describes nothing on the first refresh: the tree asks for rows (through the read queue)', () => {
      const result = plan({
        endpointSummaries: [endpoint('a'), endpoint('b')],
        componentSummaries: [component('a-ic', 'a')],
        mode: { ...big, firstLoad: true },
        watchedEndpoints: new Set(['a']),
        watchedComponentsOf: new Set(['a']),
      });
      assert.deepEqual(result.describeEndpoints, []);
      assert.deepEqual(result.describeComponents, []);
      assert.equal(result.listChanged, true);
    });

    it('a full refresh describes again only the rows the tree shows, not everything', () => {
      const result = plan({ ...quietAccount(), mode: { ...big, full: true }, watchedEndpoints: new Set(['a']), watchedComponentsOf: new Set(['b']) });
      assert.deepEqual(result.describeEndpoints, ['a']);
      assert.deepEqual(result.describeComponents, ['b-ic']);
    });

    it('a changed row is described only when shown; an unshown one only changes', () => {
      const account = quietAccount();
      account.endpointSummaries = [endpoint('a', 'InService', later), endpoint('b', 'InService', later)];
      const result = plan({ ...account, mode: big, watchedEndpoints: new Set(['b']) });
      assert.deepEqual(result.describeEndpoints, ['b']);
      assert.deepEqual([...result.changedEndpoints].sort(), ['a', 'b']);
    });

    it('cold components are not kept watched (the list\'s LastModifiedTime and rejections say when they wake), moving ones are', () => {
      const account = quietAccount();
      account.components.get('a-ic')!.lifecycle = lifecycle('cold', false);
      account.components.get('b-ic')!.lifecycle = lifecycle('waking', true);
      const result = plan({ ...account, mode: big, watchedComponentsOf: new Set(['a', 'b']), watchedEndpoints: new Set(['a', 'b']) });
      assert.deepEqual(result.describeComponents, ['b-ic']);
      assert.deepEqual(result.describeEndpoints, ['b']);
    });

    it('a row not yet described is left to the read queue, but a row in transition is described even unshown', () => {
      const result = plan({
        endpointSummaries: [endpoint('a'), endpoint('b', 'Creating')],
        componentSummaries: [component('a-ic', 'a', 'Deleting')],
        endpoints: new Map([['a', { summary: endpoint('a') }], ['b', { summary: endpoint('b') }]]),
        mode: big,
        watchedEndpoints: new Set(['a']),
      });
      assert.deepEqual(result.describeEndpoints, ['b']);
      assert.deepEqual(result.describeComponents, ['a-ic']);
    });
  });

  describe('rows the extension itself just changed (issue 15, item 10)', () => {
    it('a touched component is described with its endpoint though the lists show no change (a new alarm or policy does not move LastModifiedTime)', () => {
      const result = plan({ ...quietAccount(), mode: small, touchedComponents: new Set(['b-ic']) });
      assert.deepEqual(result.describeComponents, ['b-ic']);
      assert.deepEqual(result.describeEndpoints, ['b']);
    });

    it('a touched endpoint is described with all its components', () => {
      const result = plan({ ...quietAccount(), mode: small, touchedEndpoints: new Set(['a']) });
      assert.deepEqual(result.describeEndpoints, ['a']);
      assert.deepEqual(result.describeComponents, ['a-ic']);
    });

    it('in a big account too, shown or not; names not listed (yet, or any more) are ignored', () => {
      const result = plan({ ...quietAccount(), mode: big, touchedEndpoints: new Set(['b', 'gone']), touchedComponents: new Set(['not-listed']) });
      assert.deepEqual(result.describeEndpoints, ['b']);
      assert.deepEqual(result.describeComponents, ['b-ic']);
    });
  });

  describe('listing', () => {
    const base = { loaded: true, lazy: true, full: false, listedSince: t0, msSinceWholeList: 60_000, reconcileIntervalMs: 300_000 };

    it('a big account\'s quiet refresh lists only what changed since the last list, minus the clock-skew margin', () => {
      assert.deepEqual(chooseListing(base), { incremental: true, modifiedAfter: new Date(t0.getTime() - listMarginMs) });
    });

    it('lists whole: the first time, a small account, a full refresh, and every reconcile interval', () => {
      for (const state of [
        { ...base, loaded: false },
        { ...base, lazy: false },
        { ...base, full: true },
        { ...base, listedSince: undefined },
        { ...base, msSinceWholeList: 300_000 },
      ]) {
        assert.deepEqual(chooseListing(state), { incremental: false }, JSON.stringify(state));
      }
    });

    it('merges an incremental list over the rows held, sorted by name', () => {
      const merged = mergeListed([endpoint('b'), endpoint('a')], [endpoint('c'), endpoint('a', 'Updating')]);
      assert.deepEqual(merged.map((summary) => `${summary.name}:${summary.status}`), ['a:Updating', 'b:InService', 'c:InService']);
    });

    it('an account is big above the eager limit of endpoints and components together', () => {
      assert.equal(isLazyAccount(30, 30, 60), false);
      assert.equal(isLazyAccount(30, 31, 60), true);
    });
  });
});
