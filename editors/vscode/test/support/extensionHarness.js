// Runs the extension's activate() against the vscode stub, with a fake or real server behind it.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const { vscode, extension } = require('./loadExtension');

const recordingServer = path.join(__dirname, 'recordingServer.js');

/** Polls `predicate` until it returns a truthy value; fails after `timeoutMs` (never hangs). */
async function waitFor(predicate, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Activates the extension. `settings` are flat keys (`shrike.path`); the fake server records
 * into a fresh file (see `record()`); `respond(message, items)` answers the messages shown. Returns the API, the stub's state and a `stop()`.
 */
async function activate({ settings = {}, workspaceDir, env = {}, respond, outputLogLevel } = {}) {
  const recordFile = path.join(tempDir('shrike-record-'), 'record.json');
  const savedEnv = { ...process.env };
  Object.assign(process.env, { SHRIKE_RECORD: recordFile }, env);
  const state = vscode.reset({ settings, workspaceDir, outputLogLevel });
  if (respond) state.messageResponder = respond;
  const context = { subscriptions: [] };
  const api = await extension.activate(context);
  const record = () => (fs.existsSync(recordFile) ? JSON.parse(fs.readFileSync(recordFile, 'utf8')) : undefined);
  const stop = async () => {
    await extension.deactivate();
    for (const d of context.subscriptions) d.dispose();
    process.env = savedEnv;
  };
  return { api, state, context, record, stop };
}

/**
 * What the extension sends a server it starts in `workspaceDir`: the command-line arguments,
 * the initialize parameters and the notifications that follow, captured by the fake server.
 */
async function captureStartup(workspaceDir, settings = {}, outputLogLevel = undefined) {
  const run = await activate({ settings: { 'shrike.path': recordingServer, ...settings }, workspaceDir, outputLogLevel });
  try {
    const record = await waitFor(() => {
      const r = run.record();
      return r && r.messages.some((m) => m.method === 'workspace/didChangeConfiguration') && r;
    }, 'the extension to initialize the fake server');
    return {
      argv: record.argv,
      initializeParams: record.messages.find((m) => m.method === 'initialize').params,
      notifications: record.messages.filter((m) => m.method !== 'initialize'),
    };
  } finally {
    await run.stop();
  }
}

module.exports = { vscode, extension, recordingServer, waitFor, tempDir, activate, captureStartup };
