// ClientOptions: how the language client runs `shrike lsp` and which documents it hands over.
import type { LogOutputChannel } from 'vscode';
import type { DocumentSelector, ErrorHandler, Executable, LanguageClientOptions } from 'vscode-languageclient/node';

import { configurationSection, ShrikeSettings } from './settings';

/** Python files on disk, and unsaved Python buffers (the server answers for any URI). */
export const documentSelector: DocumentSelector = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
];

/**
 * The server command line: `<executable> lsp <shrike.args...>` over stdio. No `transport` is
 * set on purpose: the library would then append `--stdio`, which `shrike lsp` does not take.
 */
export function serverOptions(executable: string, settings: ShrikeSettings, cwd: string | undefined): Executable {
  return { command: executable, args: ['lsp', ...settings.args], options: cwd === undefined ? {} : { cwd } };
}

export function clientOptions(outputChannel: LogOutputChannel, errorHandler: ErrorHandler): LanguageClientOptions {
  return {
    documentSelector,
    // The `shrike` section goes to the server in workspace/didChangeConfiguration.
    synchronize: { configurationSection },
    outputChannel,
    traceOutputChannel: outputChannel,
    errorHandler,
  };
}
