#!/usr/bin/env node
// `npm start` / `npm run sandbox` / `npm run cli -- ...`: build if the sources changed since the
// last build, then run the compiled entry point. Plain JS so it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entries = {
  app: 'dist/src/main.js',
  sandbox: 'dist/src/sandbox/main.js',
  cli: 'dist/src/cli/main.js',
};
const [target = 'app', ...args] = process.argv.slice(2);
const entry = entries[target] ? join(root, entries[target]) : undefined;
if (!entry) {
  console.error(`unknown target "${target}"; use one of ${Object.keys(entries).join(', ')}`);
  process.exit(2);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), st.mtimeMs);
}

const stamp = join(root, 'dist', '.tsbuildinfo');
const sources = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const builtAt = existsSync(stamp) && existsSync(entry) ? statSync(stamp).mtimeMs : 0;
if (sources.some((s) => newest(join(root, s)) > builtAt)) {
  process.stderr.write('building lapor-bridge (sources changed since the last build)...\n');
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Run the entry point in this very process, so signals (SIGTERM drains workers) reach it directly.
process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], entry, ...args];
require(entry);
