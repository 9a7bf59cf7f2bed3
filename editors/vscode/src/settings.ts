// Settings: the `shrike.*` configuration keys the extension reads, validated with their defaults.
import type { WorkspaceConfiguration } from 'vscode';

/** The configuration section; also the client id, so the library reads `shrike.trace.server`. */
export const configurationSection = 'shrike';

/** The settings whose change needs a new server process (the trace level does not). */
export const restartingSettings = ['shrike.path', 'shrike.args'];

export interface ShrikeSettings {
  /** The `shrike` executable: a path, or a command name looked up on PATH. */
  path: string;
  /** Extra arguments after `shrike lsp`. */
  args: string[];
}

export const defaultSettings: ShrikeSettings = { path: 'shrike', args: [] };

// A hand-edited settings.json can hold any JSON; a wrong type falls back to the default
// instead of spawning something odd.
export function readSettings(config: Pick<WorkspaceConfiguration, 'get'>): ShrikeSettings {
  const path = config.get<unknown>('path');
  const args = config.get<unknown>('args');
  return {
    path: typeof path === 'string' && path.trim() !== '' ? path.trim() : defaultSettings.path,
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
  };
}
