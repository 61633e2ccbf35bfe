import * as assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';

// The unit layer is pure: test/support/no-network.cjs (loaded by test/unit/.mocharc.json) refuses any
// socket or server, so a test that needs the emulator cannot hide in this layer.
describe('the unit layer runs without a network', () => {
  it('refuses to open a connection, naming where such a test belongs', () => {
    assert.throws(() => connect(443, '127.0.0.1'), /unit tests are pure.*test\/integration/);
  });

  it('refuses to start a server', () => {
    const server = createServer();
    assert.throws(() => server.listen(0, '127.0.0.1'), /A unit test started a server/);
  });
});
