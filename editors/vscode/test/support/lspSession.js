// Drives a real `shrike lsp` over vscode-jsonrpc the way the extension does: same command line,
// same initialize parameters and follow-up notifications (captured from the extension itself).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const rpc = require('vscode-jsonrpc/node');

const { captureStartup, waitFor } = require('./extensionHarness');

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const shrikeBinary = process.env.SHRIKE_BINARY || path.join(repoRoot, 'build', 'release', 'shrike');
const sampleDir = path.join(repoRoot, 'tests', 'editors', 'sample');
const sampleExpectations = require(path.join(repoRoot, 'tests', 'editors', 'sample.json'));

const requestTimeoutMs = 10000;

function withTimeout(promise, what, ms = requestTimeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const uriOf = (file) => pathToFileURL(path.join(sampleDir, file)).href;
const fileOf = (uri) => path.relative(sampleDir, new URL(uri).pathname).split(path.sep).join('/');

class LspSession {
  /** Starts the server in the sample project and initializes it as the extension would. */
  static async start() {
    if (!fs.existsSync(shrikeBinary)) {
      throw new Error(`${shrikeBinary} does not exist: build it first (scripts/build release)`);
    }
    const startup = await captureStartup(sampleDir);
    const session = new LspSession(startup);
    await session.initialize();
    return session;
  }

  constructor(startup) {
    this.startup = startup;
    this.settings = startup.notifications.find((n) => n.method === 'workspace/didChangeConfiguration').params.settings;
    this.stderr = '';
    this.pushed = new Map(); // uri -> diagnostics from textDocument/publishDiagnostics
    this.serverMessages = [];
    this.process = spawn(shrikeBinary, startup.argv, { cwd: sampleDir, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    this.connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.process.stdout),
      new rpc.StreamMessageWriter(this.process.stdin),
    );
    this.answerServerRequests();
    this.connection.listen();
  }

  // What VS Code answers when the server asks: accept registrations and progress tokens,
  // hand out the `shrike` settings section, name the workspace folders.
  answerServerRequests() {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params) => this.pushed.set(params.uri, params.diagnostics));
    c.onNotification('window/logMessage', (params) => this.serverMessages.push(params));
    c.onNotification('window/showMessage', (params) => this.serverMessages.push(params));
    c.onRequest('client/registerCapability', () => null);
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/workspaceFolders', () => this.startup.initializeParams.workspaceFolders);
    c.onRequest('workspace/configuration', (params) =>
      params.items.map((item) => (item.section === 'shrike' ? this.settings.shrike : item.section ? null : this.settings)),
    );
  }

  async initialize() {
    const result = await this.request('initialize', this.startup.initializeParams);
    this.capabilities = result.capabilities;
    this.serverInfo = result.serverInfo;
    for (const n of this.startup.notifications) {
      if (n.method === 'initialized' || n.method === 'workspace/didChangeConfiguration') {
        await this.connection.sendNotification(n.method, n.params);
      }
    }
  }

  /** A request's result; fails when the server exits first or takes too long. */
  request(method, params) {
    const died = this.exited.then(({ code, signal }) => {
      throw new Error(`the server exited (${signal ?? `code ${code}`}) before answering ${method}; stderr: ${this.stderr}`);
    });
    const answer = this.connection.sendRequest(method, params);
    return withTimeout(Promise.race([answer, died]), `${method} (server stderr: ${this.stderr})`);
  }

  /** Opens a sample file, or any `uri` with the given text (an unsaved buffer). */
  async open(file, uri = uriOf(file), text = fs.readFileSync(path.join(sampleDir, file), 'utf8')) {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
  }

  /** A document's diagnostics, pulled when the server offers that (as VS Code then does), else pushed. */
  async diagnostics(file, uri = uriOf(file)) {
    if (this.capabilities.diagnosticProvider) {
      const report = await this.request('textDocument/diagnostic', { textDocument: { uri } });
      return report.items;
    }
    return waitFor(() => this.pushed.get(uri), `diagnostics for ${uri}`);
  }

  /** shutdown, then exit; resolves to the exit status (bounded: a server that hangs is killed). */
  async close() {
    try {
      await this.request('shutdown', null);
      await this.connection.sendNotification('exit');
      return await withTimeout(this.exited, 'the server to exit', 5000);
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    }
  }
}

module.exports = { LspSession, sampleDir, sampleExpectations, shrikeBinary, uriOf, fileOf };
