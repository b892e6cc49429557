/** CLI output goes to stdout as plain lines (the logger is for the service, not for people). */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export class CliError extends Error {}
