import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- <args>`, run from the sources with exactly the given environment (plus PATH, TZ). */
export function runCli(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return runCliWithInput(env, null, ...args);
}

/** The same, with `input` written to the command's stdin (null: stdin closed at once). */
export function runCliWithInput(
  env: Record<string, string>,
  input: string | null,
  ...args: string[]
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        join(__dirname, '..', '..', 'src', 'cli', 'main.ts'),
        ...args,
      ],
      { env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env } },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? undefined);
  });
}
