// RestartPolicy: a crashed server is restarted, but a server that keeps crashing is left stopped.
'use strict';
const assert = require('node:assert/strict');
const test = require('node:test');

require('./support/loadExtension');
const { CloseAction, ErrorAction } = require('vscode-languageclient/node');
const { RestartPolicy } = require('../out/src/restartPolicy');

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

test('restarts up to the limit inside the window, then stops', () => {
  const c = clock();
  const policy = new RestartPolicy({ maxRestarts: 2, windowMs: 1000 }, c.now);
  assert.equal(policy.closed().action, CloseAction.Restart);
  c.t = 100;
  assert.equal(policy.closed().action, CloseAction.Restart);
  c.t = 200;
  const third = policy.closed();
  assert.equal(third.action, CloseAction.DoNotRestart);
  assert.match(third.message, /crashed 3 times/);
});

test('crashes older than the window are forgotten', () => {
  const c = clock();
  const policy = new RestartPolicy({ maxRestarts: 2, windowMs: 1000 }, c.now);
  policy.closed();
  c.t = 500;
  policy.closed();
  c.t = 1200; // the first crash has left the window
  assert.equal(policy.closed().action, CloseAction.Restart);
  c.t = 1300;
  assert.equal(policy.closed().action, CloseAction.DoNotRestart);
});

test('reset() starts a fresh count (the user restarted by hand)', () => {
  const c = clock();
  const policy = new RestartPolicy({ maxRestarts: 1, windowMs: 1000 }, c.now);
  policy.closed();
  assert.equal(policy.closed().action, CloseAction.DoNotRestart);
  policy.reset();
  assert.equal(policy.closed().action, CloseAction.Restart);
});

test('a few broken messages are survived; a stream of them shuts the connection', () => {
  const policy = new RestartPolicy();
  assert.equal(policy.error(new Error('x'), undefined, 1).action, ErrorAction.Continue);
  assert.equal(policy.error(new Error('x'), undefined, 3).action, ErrorAction.Continue);
  assert.equal(policy.error(new Error('x'), undefined, 4).action, ErrorAction.Shutdown);
});
