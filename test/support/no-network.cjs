// Loaded by mocha before the pure unit tests (--require): they run without any network, so a test that
// opens a socket or listens on a port fails at once with a message saying where it belongs. Tests that
// talk to the emulator over HTTP live in test/integration/.
'use strict';
const net = require('node:net');

function refuse(what) {
  throw new Error(`${what}: unit tests are pure (no HTTP, no emulator). Put this test under test/integration/.`);
}

net.Socket.prototype.connect = function connect() {
  refuse('A unit test opened a network connection');
};
net.Server.prototype.listen = function listen() {
  refuse('A unit test started a server');
};
