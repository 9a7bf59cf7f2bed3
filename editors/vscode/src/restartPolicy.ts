// RestartPolicy: restarts a crashed server, but stops trying when it keeps crashing.
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
} from 'vscode-languageclient/node';

export interface RestartLimits {
  /** Restarts allowed inside the window; one more crash leaves the server stopped. */
  maxRestarts: number;
  windowMs: number;
}

export const defaultRestartLimits: RestartLimits = { maxRestarts: 4, windowMs: 3 * 60 * 1000 };

// A server that crashes on startup (a bad flag, a broken build) would otherwise be respawned
// forever; counting crashes in a sliding window bounds that while still surviving a rare crash.
export class RestartPolicy implements ErrorHandler {
  private crashes: number[] = [];

  constructor(
    private readonly limits: RestartLimits = defaultRestartLimits,
    private readonly now: () => number = Date.now,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few broken messages are survivable; a stream of them means the pipe is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.crashes = this.crashes.filter((t) => now - t < this.limits.windowMs);
    this.crashes.push(now);
    const minutes = Math.round(this.limits.windowMs / 60000);
    if (this.crashes.length > this.limits.maxRestarts) {
      return {
        action: CloseAction.DoNotRestart,
        message:
          `The Shrike server crashed ${this.crashes.length} times in the last ${minutes} minutes ` +
          `and will not be restarted. Its log is in the "Shrike" output; run "Shrike: Restart server" ` +
          `once the cause is fixed.`,
      };
    }
    return {
      action: CloseAction.Restart,
      message: `The Shrike server stopped unexpectedly; restarting it (${this.crashes.length} of ${this.limits.maxRestarts}).`,
    };
  }

  /** Forgets past crashes: a restart the user asked for starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}
