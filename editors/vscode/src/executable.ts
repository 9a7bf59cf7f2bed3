// Executable: finds the server binary the way a shell would, so a missing one is named before spawning.
import * as fs from 'fs';
import * as path from 'path';

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// On Windows a command name may omit its extension (`shrike` for `shrike.exe`).
function candidates(file: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform !== 'win32' || path.extname(file) !== '') return [file];
  const extensions = (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((e) => e !== '');
  return [file, ...extensions.map((e) => file + e.toLowerCase())];
}

/**
 * Resolves `command` to an executable file: a path (absolute, or relative to `baseDir`) is
 * taken as is; a bare name is searched on PATH. Returns undefined when nothing runnable is found.
 */
export function findExecutable(
  command: string,
  baseDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const expanded = command.startsWith('~/') && env.HOME ? path.join(env.HOME, command.slice(2)) : command;
  const isPath = expanded.includes('/') || (platform === 'win32' && expanded.includes('\\'));
  if (isPath) {
    const absolute = path.isAbsolute(expanded) ? expanded : path.resolve(baseDir ?? process.cwd(), expanded);
    return candidates(absolute, platform, env).find(isExecutableFile);
  }
  const delimiter = platform === 'win32' ? ';' : ':';
  const searchPath = env.PATH ?? env.Path ?? '';
  for (const dir of searchPath.split(delimiter)) {
    if (dir === '') continue;
    const found = candidates(path.join(dir, expanded), platform, env).find(isExecutableFile);
    if (found !== undefined) return found;
  }
  return undefined;
}
