// The real `shrike lsp`, started and initialized exactly as the extension does, on the sample
// project in tests/editors/sample: diagnostics, document symbols, definition and references.
'use strict';
const assert = require('node:assert/strict');
const { isDeepStrictEqual } = require('node:util');
const { after, before, test } = require('node:test');

const { waitFor } = require('./support/extensionHarness');
const { LspSession, sampleExpectations: expected, uriOf, fileOf } = require('./support/lspSession');

let session;

before(async () => {
  session = await LspSession.start();
  for (const file of expected.open) await session.open(file);
});

after(async () => {
  if (session) await session.close();
});

function requireCapability(name) {
  assert.ok(session.capabilities[name], `the server does not advertise ${name}`);
}

const at = (position) => ({ textDocument: { uri: uriOf(position.file) }, position });
const startOf = (location) => ({
  file: fileOf(location.uri ?? location.targetUri),
  line: (location.range ?? location.targetSelectionRange).start.line,
  character: (location.range ?? location.targetSelectionRange).start.character,
});
const contains = (range, p) =>
  (range.start.line < p.line || (range.start.line === p.line && range.start.character <= p.character)) &&
  (p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character));

test('initialize: UTF-16 positions (all VS Code offers) and a text sync kind', () => {
  const offered = session.startup.initializeParams.capabilities.general?.positionEncodings ?? ['utf-16'];
  const chosen = session.capabilities.positionEncoding ?? 'utf-16';
  assert.ok(offered.includes(chosen), `server chose ${chosen}, client offered ${offered}`);
  assert.ok(session.capabilities.textDocumentSync !== undefined, 'no textDocumentSync capability');
});

for (const [file, want] of Object.entries(expected.diagnostics)) {
  test(`diagnostics of ${file}`, async () => {
    const got = await session.diagnostics(file);
    const summary = got.map((d) => ({ line: d.range.start.line, code: d.code, severity: d.severity, source: d.source }));
    assert.deepEqual(summary, want, JSON.stringify(got, null, 1));
    for (const d of got) assert.ok(d.message.length > 0, 'a diagnostic without a message');
  });
}

// The extension hands over unsaved Python buffers too (document selector scheme `untitled`).
test('an unsaved buffer (untitled: URI) gets its syntax errors', async () => {
  const uri = 'untitled:Untitled-1';
  await session.open(undefined, uri, 'def f(:\n    pass\n');
  const got = await session.diagnostics(undefined, uri);
  assert.deepEqual(
    got.map((d) => [d.range.start.line, d.code]),
    [[0, 'invalid-syntax']],
    JSON.stringify(got),
  );
});

test('an edit that fixes a syntax error clears it (incremental sync, as VS Code sends it)', async () => {
  const uri = 'untitled:Untitled-2';
  await session.open(undefined, uri, 'total = (1 +\nprint(total)\n');
  const before = await session.diagnostics(undefined, uri);
  assert.ok(before.length > 0, 'no syntax error before the edit');
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: ' 2)' }],
  });
  if (session.capabilities.diagnosticProvider) {
    const after = await session.diagnostics(undefined, uri);
    assert.deepEqual(after, [], JSON.stringify(after));
  } else {
    // Pushed: a late publish for version 1 may still come; wait for the empty one.
    await waitFor(() => session.pushed.get(uri)?.length === 0, 'the error to clear');
  }
});

test('document symbols of geometry/shapes.py', async () => {
  requireCapability('documentSymbolProvider');
  const { file, symbols } = expected.documentSymbols;
  const got = await session.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(file) } });
  assert.ok(Array.isArray(got) && got.length > 0 && 'children' in got[0], 'expected hierarchical DocumentSymbols');
  assert.deepEqual(
    got.map((s) => s.name),
    symbols.map((s) => s.name),
  );
  const check = (gotSymbols, wantSymbols) => {
    for (const want of wantSymbols) {
      const found = gotSymbols.find((s) => s.name === want.name);
      assert.ok(found, `no symbol ${want.name} in ${JSON.stringify(gotSymbols.map((s) => s.name))}`);
      assert.ok(want.kinds.includes(found.kind), `${want.name} has kind ${found.kind}, want one of ${want.kinds}`);
      assert.ok(contains(found.range, found.selectionRange.start), `${want.name}: selectionRange outside range`);
      if (want.children) check(found.children ?? [], want.children);
    }
  };
  check(got, symbols);
});

// The workspace is indexed in the background after initialize, so an early answer may miss
// what is not indexed yet. Ask again (as a user would) until the answer is the expected one or
// the time is up; the last answer is what the test then checks.
async function settledAnswer(method, params, isExpected, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await session.request(method, params);
    if (isExpected(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('workspace symbols: a query finds the function in its module', async () => {
  requireCapability('workspaceSymbolProvider');
  const { query, symbols } = expected.workspaceSymbols;
  const want = symbols.map((s) => ({ name: s.name, kind: s.kinds[0], file: s.file, line: s.line }));
  const summarize = (answer) =>
    (answer ?? []).map((s) => {
      const { file, line } = startOf(s.location);
      return { name: s.name, kind: s.kind, file, line };
    });
  const got = await settledAnswer('workspace/symbol', { query }, (a) => isDeepStrictEqual(summarize(a), want));
  assert.deepEqual(summarize(got), want);
});

test('definition across modules', async () => {
  requireCapability('definitionProvider');
  const { at: from, target } = expected.definition;
  const asList = (answer) => (Array.isArray(answer) ? answer : answer ? [answer] : []);
  const isTarget = (location) =>
    (location.uri ?? location.targetUri) === uriOf(target.file) &&
    contains(location.range ?? location.targetSelectionRange, target);
  const got = asList(
    await settledAnswer('textDocument/definition', at(from), (a) => asList(a).length === 1 && isTarget(asList(a)[0])),
  );
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.equal(got[0].uri ?? got[0].targetUri, uriOf(target.file));
  assert.ok(isTarget(got[0]), JSON.stringify(got[0]));
});

test('references across modules', async () => {
  requireCapability('referencesProvider');
  const { at: from, includeDeclaration, locations } = expected.references;
  const key = (l) => `${l.file}:${l.line}:${l.character}`;
  const want = locations.map(key).sort();
  const keys = (answer) => (answer ?? []).map(startOf).map(key).sort();
  const got = await settledAnswer('textDocument/references', { ...at(from), context: { includeDeclaration } }, (a) =>
    isDeepStrictEqual(keys(a), want),
  );
  assert.deepEqual(keys(got), want);
});
