// A stand-in for the `vscode` module: just enough of the API for the extension and
// vscode-languageclient to start, with every call the extension makes recorded for the tests.
'use strict';
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');

class Disposable {
  constructor(onDispose) {
    this.onDispose = onDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this.onDispose) this.onDispose();
    this.onDispose = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      return new Disposable(() => this.listeners.delete(bound));
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, fsPath, href) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
    this.href = href;
  }
  static file(p) {
    const absolute = path.resolve(p);
    return new Uri('file', absolute, pathToFileURL(absolute).href);
  }
  static parse(s) {
    const scheme = s.slice(0, s.indexOf(':'));
    return scheme === 'file' ? Uri.file(fileURLToPath(s)) : new Uri(scheme, s, s);
  }
  toString() {
    return this.href;
  }
  toJSON() {
    return this.href;
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this.emitter = emitter;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose() {}
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(start, end) {
    this.start = start;
    this.end = end;
  }
}

const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };

function makeOutputChannel(name, options, record) {
  const lines = [];
  const log = (level) => (message) => lines.push(`[${level}] ${message}`);
  const channel = {
    name,
    options,
    lines,
    logLevel: record.outputLogLevel,
    onDidChangeLogLevel: new EventEmitter().event,
    append: (s) => lines.push(s),
    appendLine: (s) => lines.push(s),
    replace: () => {},
    clear: () => {},
    show: () => {},
    hide: () => {},
    dispose: () => {},
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
  record.outputChannels.push(channel);
  return channel;
}

// The state one test sees; reset() gives the next test a clean window and workspace.
const state = {};

function reset({ settings = {}, workspaceDir, outputLogLevel = LogLevel.Info } = {}) {
  state.settings = settings;
  state.outputLogLevel = outputLogLevel;
  state.workspaceFolders = workspaceDir ? [{ uri: Uri.file(workspaceDir), name: path.basename(workspaceDir), index: 0 }] : undefined;
  state.commands = new Map();
  state.executedCommands = [];
  state.messages = [];
  state.outputChannels = [];
  state.configurationChanged = new EventEmitter();
  state.diagnosticCollections = [];
  state.messageResponder = () => undefined;
  state.unknownMembers = new Set();
  return state;
}

function showMessage(severity) {
  return (message, ...items) => {
    state.messages.push({ severity, message, items });
    return Promise.resolve(state.messageResponder(message, items));
  };
}

// Members the client library touches only in features Shrike's tests never reach: any call
// returns a disposable, and the name is recorded so a test can see what was used.
// (A plain function, so that it also serves as a base class: the library subclasses a few.)
function lenient(prefix, members) {
  return new Proxy(members, {
    get(target, name) {
      if (name in target || typeof name === 'symbol') return target[name];
      state.unknownMembers?.add(`${prefix}.${String(name)}`);
      return function unknownMember() {
        return new Disposable();
      };
    },
  });
}

const noEvent = () => new Disposable();

// Like VS Code, unset keys read as the defaults the extension's manifest declares.
const manifest = require(path.join(__dirname, '..', '..', 'package.json'));
const manifestDefaults = Object.fromEntries(
  Object.entries(manifest.contributes.configuration.properties).map(([key, schema]) => [key, schema.default]),
);

// A dotted key reads one setting; a prefix of settings reads them as a nested object.
function readSetting(fullKey) {
  const values = { ...manifestDefaults, ...state.settings };
  if (fullKey in values) return values[fullKey];
  let nested;
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(`${fullKey}.`)) continue;
    const parts = key.slice(fullKey.length + 1).split('.');
    nested = nested ?? {};
    let at = nested;
    for (const part of parts.slice(0, -1)) at = at[part] = at[part] ?? {};
    at[parts[parts.length - 1]] = value;
  }
  return nested;
}

const workspace = lenient('workspace', {
  getConfiguration(section) {
    const prefix = section ? `${section}.` : '';
    return {
      get(key, defaultValue) {
        const value = readSetting(prefix + key);
        return value === undefined ? defaultValue : value;
      },
      has: (key) => readSetting(prefix + key) !== undefined,
      inspect: () => undefined,
      update: () => Promise.resolve(),
    };
  },
  get workspaceFolders() {
    return state.workspaceFolders;
  },
  get onDidChangeConfiguration() {
    return state.configurationChanged.event;
  },
  textDocuments: [],
  notebookDocuments: [],
  onDidOpenTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  onDidSaveTextDocument: noEvent,
  onWillSaveTextDocument: noEvent,
  onDidChangeWorkspaceFolders: noEvent,
  createFileSystemWatcher: () => ({ onDidCreate: noEvent, onDidChange: noEvent, onDidDelete: noEvent, dispose() {} }),
});

const window = lenient('window', {
  createOutputChannel: (name, options) => makeOutputChannel(name, options, state),
  showErrorMessage: showMessage('error'),
  showWarningMessage: showMessage('warning'),
  showInformationMessage: showMessage('info'),
  activeTextEditor: undefined,
  visibleTextEditors: [],
  onDidChangeVisibleTextEditors: noEvent,
  onDidChangeActiveTextEditor: noEvent,
  tabGroups: { all: [], onDidChangeTabs: noEvent },
  withProgress: (_options, task) => task({ report() {} }, new CancellationTokenSource().token),
});

const commands = lenient('commands', {
  registerCommand(id, handler) {
    state.commands.set(id, handler);
    return new Disposable(() => state.commands.delete(id));
  },
  executeCommand(id, ...args) {
    state.executedCommands.push([id, ...args]);
    return Promise.resolve();
  },
});

const languages = lenient('languages', {
  match: () => 0,
  createDiagnosticCollection(name) {
    const entries = new Map();
    const collection = {
      name,
      entries,
      set: (uri, diagnostics) => entries.set(String(uri), diagnostics),
      delete: (uri) => entries.delete(String(uri)),
      clear: () => entries.clear(),
      forEach: (f) => entries.forEach((d, u) => f(u, d)),
      dispose: () => entries.clear(),
    };
    state.diagnosticCollections.push(collection);
    return collection;
  },
});

module.exports = lenient('vscode', {
  version: '1.91.0',
  env: { appName: 'Visual Studio Code', language: 'en', openExternal: () => Promise.resolve(false) },
  workspace,
  window,
  commands,
  languages,
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  CancellationTokenSource,
  CancellationError: class CancellationError extends Error {},
  LogLevel,
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  TabInputText: class {},
  TabInputTextDiff: class {},
  TabInputNotebook: class {},
  TabInputCustom: class {},
  reset,
  state,
});
