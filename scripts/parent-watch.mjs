// Preloaded (node --import) into the API and worker that scripts/start.mjs runs. The start
// script holds the write end of their stdin; when it goes away — however it died, SIGKILL
// included — stdin reaches end-of-file and the process stops itself exactly as on SIGTERM
// (graceful, within SHUTDOWN_TIMEOUT_MS). Node has no PR_SET_PDEATHSIG; this is the portable way.
if (process.env.KINDLING_PARENT_WATCH === 'stdin' && !process.stdin.isTTY) {
  const stop = () => process.kill(process.pid, 'SIGTERM');
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.on('data', () => {}); // nothing is ever written; reading just notices the end
  process.stdin.resume();
}
