// The .vsix holds the bundle, the manifest and the README, not the sources or node_modules.
'use strict';
const assert = require('node:assert/strict');
const { execFileSync } = require('child_process');
const path = require('path');
const test = require('node:test');

const root = path.join(__dirname, '..');

test('the package lists only the bundled extension, the manifest and the README', () => {
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.deepEqual(listed.trim().split('\n').sort(), ['README.md', 'dist/extension.js', 'package.json']);
});

test('the bundle is what package.json starts, and leaves `vscode` to VS Code', () => {
  const manifest = require('../package.json');
  assert.equal(manifest.main, './dist/extension.js');
  const bundle = require('fs').readFileSync(path.join(root, manifest.main), 'utf8');
  assert.match(bundle, /require\("vscode"\)/);
  assert.doesNotMatch(bundle, /require\("vscode-languageclient/);
});
