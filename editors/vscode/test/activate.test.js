// The extension's activate() under a stubbed `vscode`: how it starts the server, which settings
// and documents it uses, the restart command, and what users see when something goes wrong.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const test = require('node:test');

const { activate, captureStartup, recordingServer, tempDir, waitFor } = require('./support/extensionHarness');
const { State } = require('vscode-languageclient/node');

const manifest = require('../package.json');

// PATH for a fake server found by name: `dir` first, then node (the fake's interpreter).
function pathWith(dir) {
  return `${dir}${path.delimiter}${path.dirname(process.execPath)}`;
}

function fakeShrikeOnPath() {
  const dir = tempDir('shrike-bin-');
  fs.symlinkSync(recordingServer, path.join(dir, 'shrike'));
  return dir;
}

const running = (run) => () => run.api.client?.state === State.Running;

test('by default starts `shrike lsp` from PATH, in the workspace folder', async () => {
  const workspaceDir = tempDir('shrike-ws-');
  const run = await activate({ workspaceDir, env: { PATH: pathWith(fakeShrikeOnPath()) } });
  try {
    await waitFor(running(run), 'the client to run');
    const record = run.record();
    assert.deepEqual(record.argv, ['lsp']);
    assert.equal(record.cwd, fs.realpathSync(workspaceDir));
    assert.equal(record.starts, 1);
    assert.deepEqual(run.state.messages, []);
  } finally {
    await run.stop();
  }
});

test('shrike.path and shrike.args choose the command line; a relative path is taken from the workspace', async () => {
  const workspaceDir = tempDir('shrike-ws-');
  fs.mkdirSync(path.join(workspaceDir, 'bin'));
  fs.symlinkSync(recordingServer, path.join(workspaceDir, 'bin', 'my-shrike'));
  const run = await activate({
    workspaceDir,
    settings: { 'shrike.path': 'bin/my-shrike', 'shrike.args': ['--log-level', 'debug'] },
  });
  try {
    await waitFor(running(run), 'the client to run');
    assert.deepEqual(run.record().argv, ['lsp', '--log-level', 'debug']);
  } finally {
    await run.stop();
  }
});

test('the client handles Python files and buffers, and logs to the "Shrike" output', async () => {
  const workspaceDir = tempDir('shrike-ws-');
  const run = await activate({ workspaceDir, settings: { 'shrike.path': recordingServer } });
  try {
    await waitFor(running(run), 'the client to run');
    assert.deepEqual(run.api.client.clientOptions.documentSelector, [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ]);
    assert.deepEqual(manifest.activationEvents, ['onLanguage:python']);
    assert.equal(run.api.client.name, 'Shrike');
    const [channel] = run.state.outputChannels;
    assert.equal(channel.name, 'Shrike');
    assert.ok(channel.lines.some((l) => l.includes(`Starting ${recordingServer} lsp`)), channel.lines.join('\n'));
  } finally {
    await run.stop();
  }
});

test('initialize carries the process id and the workspace', async () => {
  const workspaceDir = tempDir('shrike-ws-');
  const { initializeParams } = await captureStartup(workspaceDir);
  const workspaceUri = pathToFileURL(workspaceDir).href;
  assert.equal(initializeParams.processId, process.pid);
  assert.equal(initializeParams.rootUri, workspaceUri);
  assert.deepEqual(initializeParams.workspaceFolders, [{ uri: workspaceUri, name: path.basename(workspaceDir) }]);
  assert.equal(initializeParams.clientInfo.name, 'Visual Studio Code');
});

// vscode-languageclient 11 traces only while the output channel's log level is Trace; then
// shrike.trace.server says how much ("off" still logs the message names).
test('shrike.trace.server sets the protocol trace while the "Shrike" output logs at Trace level', async () => {
  const workspaceDir = tempDir('shrike-ws-');
  const { LogLevel } = require('./support/extensionHarness').vscode;
  const traceAt = async (setting, level) =>
    (await captureStartup(workspaceDir, setting === undefined ? {} : { 'shrike.trace.server': setting }, level))
      .initializeParams.trace;
  assert.equal(await traceAt('verbose', LogLevel.Trace), 'verbose');
  assert.equal(await traceAt('messages', LogLevel.Trace), 'messages');
  assert.equal(await traceAt(undefined, LogLevel.Trace), 'messages');
  assert.equal(await traceAt('verbose', LogLevel.Info), 'off');
});

test('the shrike settings reach the server in workspace/didChangeConfiguration', async () => {
  const startup = await captureStartup(tempDir('shrike-ws-'), { 'shrike.args': ['--x'] });
  const change = startup.notifications.find((n) => n.method === 'workspace/didChangeConfiguration');
  assert.deepEqual(change.params.settings.shrike, {
    path: recordingServer,
    args: ['--x'],
    trace: { server: 'off' },
  });
});

test('the manifest documents the settings and the restart command', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), ['shrike.args', 'shrike.path', 'shrike.trace.server']);
  assert.equal(properties['shrike.path'].default, 'shrike');
  assert.deepEqual(properties['shrike.args'].default, []);
  assert.deepEqual(properties['shrike.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.deepEqual(manifest.contributes.commands, [
    { command: 'shrike.restartServer', title: 'Restart server', category: 'Shrike' },
  ]);
});

test('"Shrike: Restart server" starts a fresh server process', async () => {
  const run = await activate({ workspaceDir: tempDir('shrike-ws-'), settings: { 'shrike.path': recordingServer } });
  try {
    await waitFor(running(run), 'the client to run');
    const first = run.api.client;
    const restart = run.state.commands.get('shrike.restartServer');
    assert.equal(typeof restart, 'function');
    await restart();
    await waitFor(running(run), 'the restarted client to run');
    assert.notEqual(run.api.client, first);
    assert.equal(first.state, State.Stopped);
    assert.equal(run.record().starts, 2);
  } finally {
    await run.stop();
  }
});

test('changing shrike.args restarts the server; changing the trace level does not', async () => {
  const settings = { 'shrike.path': recordingServer };
  const run = await activate({ workspaceDir: tempDir('shrike-ws-'), settings });
  try {
    await waitFor(running(run), 'the client to run');
    const first = run.api.client;
    run.state.configurationChanged.fire({ affectsConfiguration: (key) => key === 'shrike.trace.server' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(run.api.client, first);

    settings['shrike.args'] = ['--changed'];
    run.state.configurationChanged.fire({ affectsConfiguration: (key) => key === 'shrike.args' });
    await waitFor(() => run.api.client !== first && running(run)(), 'the restarted client to run');
    assert.deepEqual(run.record().argv, ['lsp', '--changed']);
    assert.equal(run.record().starts, 2);
  } finally {
    await run.stop();
  }
});

test('a shrike missing from PATH gets a clear message, and no client', async () => {
  const run = await activate({ workspaceDir: tempDir('shrike-ws-'), env: { PATH: tempDir('shrike-empty-') } });
  try {
    assert.equal(run.api.client, undefined);
    assert.equal(run.state.messages.length, 1);
    const [shown] = run.state.messages;
    assert.equal(shown.severity, 'error');
    assert.match(shown.message, /cannot find the language server "shrike" on PATH/);
    assert.match(shown.message, /set shrike\.path/);
    assert.deepEqual(shown.items, ['Open Settings']);
    assert.ok(run.state.outputChannels[0].lines.some((l) => l.startsWith('[error]') && l.includes('on PATH')));
  } finally {
    await run.stop();
  }
});

test('a wrong shrike.path is named, and "Open Settings" opens that setting', async () => {
  const run = await activate({
    workspaceDir: tempDir('shrike-ws-'),
    settings: { 'shrike.path': '/nonexistent/bin/shrike' },
    respond: (_message, items) => items[0],
  });
  try {
    assert.equal(run.api.client, undefined);
    assert.match(
      run.state.messages[0].message,
      /"\/nonexistent\/bin\/shrike" \(setting shrike\.path\) does not exist or is not executable/,
    );
    await waitFor(() => run.state.executedCommands.length > 0, 'the settings to open');
    assert.deepEqual(run.state.executedCommands, [['workbench.action.openSettings', 'shrike.path']]);
  } finally {
    await run.stop();
  }
});

test('a file that is not executable counts as missing', async () => {
  const workspaceDir = tempDir('shrike-ws-');
  const notExecutable = path.join(workspaceDir, 'shrike');
  fs.writeFileSync(notExecutable, '#!/bin/sh\n', { mode: 0o644 });
  const run = await activate({ workspaceDir, settings: { 'shrike.path': notExecutable } });
  try {
    assert.equal(run.api.client, undefined);
    assert.match(run.state.messages[0].message, /does not exist or is not executable/);
  } finally {
    await run.stop();
  }
});

test('a crashing server is restarted four times, then left stopped with a message', async () => {
  const run = await activate({
    workspaceDir: tempDir('shrike-ws-'),
    settings: { 'shrike.path': recordingServer },
    env: { SHRIKE_FAKE_CRASH: '1' },
  });
  try {
    const gaveUp = await waitFor(
      () => run.state.messages.find((m) => m.message.includes('will not be restarted')),
      'the client to give up',
      20000,
    );
    assert.equal(gaveUp.severity, 'error');
    assert.match(gaveUp.message, /crashed 5 times in the last 3 minutes/);
    assert.match(gaveUp.message, /Shrike: Restart server/);
    assert.equal(run.record().starts, 5);
    assert.equal(run.api.client.state, State.Stopped);
  } finally {
    await run.stop();
  }
});
