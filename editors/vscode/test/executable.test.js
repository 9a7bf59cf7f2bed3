// findExecutable: the server binary is looked up like a shell would, before anything is spawned.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const test = require('node:test');

const { tempDir } = require('./support/extensionHarness');
const { findExecutable } = require('../out/src/executable');

function file(dir, name, mode) {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '#!/bin/sh\n', { mode });
  return p;
}

test('a bare name is searched on PATH, in order, skipping files that cannot run', () => {
  const first = tempDir('shrike-path-');
  const second = tempDir('shrike-path-');
  file(first, 'shrike', 0o644);
  const runnable = file(second, 'shrike', 0o755);
  const env = { PATH: ['', first, second].join(':') };
  assert.equal(findExecutable('shrike', undefined, env, 'linux'), runnable);
  assert.equal(findExecutable('shrike', undefined, { PATH: first }, 'linux'), undefined);
  assert.equal(findExecutable('shrike', undefined, {}, 'linux'), undefined);
});

test('a relative path is taken from the workspace folder; ~ is the home folder', () => {
  const workspace = tempDir('shrike-ws-');
  const binary = file(workspace, 'build/release/shrike', 0o755);
  assert.equal(findExecutable('build/release/shrike', workspace, {}, 'linux'), binary);
  assert.equal(findExecutable('./build/release/shrike', workspace, {}, 'linux'), binary);
  assert.equal(findExecutable('~/build/release/shrike', undefined, { HOME: workspace }, 'linux'), binary);
  assert.equal(findExecutable(binary, '/elsewhere', {}, 'linux'), binary);
});

test('a folder or a missing file is not an executable', () => {
  const workspace = tempDir('shrike-ws-');
  fs.mkdirSync(path.join(workspace, 'shrike'));
  assert.equal(findExecutable('./shrike', workspace, {}, 'linux'), undefined);
  assert.equal(findExecutable('./nothing', workspace, {}, 'linux'), undefined);
});
