// Preloaded into a bridge process by `BENCH_PROFILE=1 npm run bench` (node -r): SIGWINCH (a signal
// Nest's shutdown hooks leave alone, unlike SIGUSR2) starts the
// V8 CPU profiler, the next SIGWINCH stops it and writes BENCH_PROFILE_FILE. The bench brackets the
// measured phase with the two signals, so the profile holds the load only, not the boot.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_PROFILE_FILE;
const session = new inspector.Session();
session.connect();
let running = false;

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
    );
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, result) => {
    if (!err && file) writeFileSync(file, JSON.stringify(result.profile));
  });
});
