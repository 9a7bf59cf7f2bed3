// Extension entry point: activates on Python files, starts `shrike lsp`, registers the restart command.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import { ServerController, clientName } from './serverController';
import { restartingSettings } from './settings';

export const restartCommand = 'shrike.restartServer';

/** What activate() returns to other extensions (and to tests). */
export interface ShrikeApi {
  readonly client: LanguageClient | undefined;
  restart(): Promise<void>;
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ShrikeApi> {
  const outputChannel = vscode.window.createOutputChannel(clientName, { log: true });
  const server = new ServerController(outputChannel);
  controller = server;
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand(restartCommand, () => server.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (restartingSettings.some((key) => event.affectsConfiguration(key))) void server.restart();
    }),
  );
  await server.start();
  return {
    get client() {
      return server.client;
    },
    restart: () => server.restart(),
  };
}

export async function deactivate(): Promise<void> {
  const server = controller;
  controller = undefined;
  await server?.stop();
}
