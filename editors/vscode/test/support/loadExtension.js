// Loads the extension as shipped (package.json's main, the bundle) with `require('vscode')` answered by the stub.
'use strict';
const Module = require('module');
const path = require('path');

const stubPath = path.join(__dirname, 'vscodeStub.js');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stubPath : originalResolve.call(this, request, ...rest);
};

const vscode = require('vscode');
const extension = require(path.join(__dirname, '..', '..', require('../../package.json').main));

module.exports = { vscode, extension };
