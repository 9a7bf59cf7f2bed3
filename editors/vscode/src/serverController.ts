// ServerController: owns the one language client — start, stop, restart, and the messages users see.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';

import { clientOptions, serverOptions } from './clientOptions';
import { findExecutable } from './executable';
import { RestartPolicy } from './restartPolicy';
import { configurationSection, readSettings } from './settings';

export const clientId = configurationSection;
export const clientName = 'Shrike';
const openSettings = 'Open Settings';

export class ServerController {
  private current: LanguageClient | undefined;
  private readonly restartPolicy = new RestartPolicy();
  // Start/stop/restart run one after another, so a burst of setting changes never races.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly outputChannel: vscode.LogOutputChannel) {}

  get client(): LanguageClient | undefined {
    return this.current;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.restartPolicy.reset();
      await this.doStop();
      await this.doStart();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async doStart(): Promise<void> {
    const settings = readSettings(vscode.workspace.getConfiguration(configurationSection));
    const workspaceDir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const executable = findExecutable(settings.path, workspaceDir);
    if (executable === undefined) {
      this.reportMissingBinary(settings.path);
      return;
    }
    this.outputChannel.info(`Starting ${executable} ${['lsp', ...settings.args].join(' ')}`);
    const client = new LanguageClient(
      clientId,
      clientName,
      serverOptions(executable, settings, workspaceDir),
      clientOptions(this.outputChannel, this.restartPolicy),
    );
    this.current = client;
    try {
      await client.start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(
        `Shrike: the language server (${executable}) failed to start: ${reason}. See the "Shrike" output for its log.`,
      );
    }
  }

  private async doStop(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    if (client === undefined) return;
    try {
      await client.stop(2000);
    } catch (error) {
      // A server that already died cannot be stopped politely; that is fine.
      this.outputChannel.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private reportMissingBinary(configured: string): void {
    const looksLikePath = configured.includes('/') || configured.includes('\\');
    const message = looksLikePath
      ? `Shrike: the language server "${configured}" (setting shrike.path) does not exist or is not executable. ` +
        `Set shrike.path to the shrike executable.`
      : `Shrike: cannot find the language server "${configured}" on PATH. ` +
        `Install Shrike, or set shrike.path to the shrike executable.`;
    this.outputChannel.error(message);
    void vscode.window.showErrorMessage(message, openSettings).then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'shrike.path');
      }
    });
  }
}
