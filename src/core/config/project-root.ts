import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The folder holding package.json: the same from src/ (tests) and from dist/src/ (the build). */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  return (cached = dir);
}

/** A file under config/ (reference data seeded at boot). */
export function configPath(...parts: string[]): string {
  return join(projectRoot(), 'config', ...parts);
}
