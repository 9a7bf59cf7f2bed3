#!/usr/bin/env node
// A fake `shrike` for the activation tests: records how it was started and what the client
// sent (to the JSON file named by SHRIKE_RECORD), and crashes on request (SHRIKE_FAKE_CRASH=1).
'use strict';
const fs = require('fs');
const rpc = require('vscode-jsonrpc/node');

const recordFile = process.env.SHRIKE_RECORD;
const record = { argv: process.argv.slice(2), cwd: process.cwd(), starts: 1, messages: [] };
if (recordFile && fs.existsSync(recordFile)) {
  const previous = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
  record.starts = previous.starts + 1;
}
// Written whole and renamed into place, so a reader never sees half a file.
function save() {
  if (!recordFile) return;
  fs.writeFileSync(`${recordFile}.tmp`, JSON.stringify(record, null, 1));
  fs.renameSync(`${recordFile}.tmp`, recordFile);
}
save();

const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(process.stdin),
  new rpc.StreamMessageWriter(process.stdout),
);
connection.onRequest('initialize', (params) => {
  record.messages.push({ method: 'initialize', params });
  save();
  return { capabilities: { textDocumentSync: 2 }, serverInfo: { name: 'recording-server' } };
});
connection.onNotification((method, params) => {
  record.messages.push({ method, params });
  save();
  if (method === 'initialized' && process.env.SHRIKE_FAKE_CRASH === '1') process.exit(3);
  if (method === 'exit') process.exit(0);
});
connection.onRequest('shutdown', () => {
  record.messages.push({ method: 'shutdown' });
  save();
  return null;
});
connection.listen();
