import { userInfo } from 'node:os';

/** The audit log's actor for a command run from a shell: the operating-system user. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // No passwd entry (some containers run as an arbitrary uid).
    return 'cli:unknown';
  }
}
