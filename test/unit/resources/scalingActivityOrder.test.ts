import * as assert from 'node:assert/strict';
import { laterPagesAreOlder, newestFirst } from '../../../src/resources/scalingActivityOrder';

const at = (iso: string) => ({ startTime: new Date(iso) });
const since = new Date('2026-11-22T00:00:00Z');

describe('the order of scaling activities (not documented for Application Auto Scaling)', () => {
  it('sorts what the service answered, newest first, whatever its order', () => {
    const oldestFirst = [at('2026-11-20T00:00:00Z'), at('2026-11-23T00:00:00Z'), at('2026-11-21T00:00:00Z')];
    assert.deepEqual(
      newestFirst(oldestFirst).map((activity) => activity.startTime.toISOString()),
      ['2026-11-23T00:00:00.000Z', '2026-11-21T00:00:00.000Z', '2026-11-20T00:00:00.000Z'],
    );
  });

  it('stops reading pages only after a newest-first page that reaches before the date', () => {
    assert.equal(laterPagesAreOlder([at('2026-11-25T00:00:00Z'), at('2026-11-21T00:00:00Z')], since), true);
    assert.equal(laterPagesAreOlder([at('2026-11-25T00:00:00Z'), at('2026-11-23T00:00:00Z')], since), false, 'all inside the window: read on');
    // Oldest first: the first page is all old, and the recent activities are on later pages.
    assert.equal(laterPagesAreOlder([at('2026-11-20T00:00:00Z'), at('2026-11-21T00:00:00Z')], since), false);
    assert.equal(laterPagesAreOlder([], since), false);
  });
});
