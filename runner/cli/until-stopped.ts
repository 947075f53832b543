/** The signals that stop a long-running command (`mock`): Ctrl-C, `kill`, a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How often the parent process is checked (ms). */
const PARENT_POLL_MS = 500;

/**
 * Resolves, with why, when the process should stop: one of STOP_SIGNALS, or the process
 * that started it went away. The parent is watched by polling `process.ppid`, which
 * changes when the parent dies however it dies (a SIGKILLed `npx` leaves its node child
 * re-parented to init or a subreaper), and by the IPC channel's `disconnect` when there
 * is one. Not by stdin's end: stdin is /dev/null under many CI runners and service
 * managers, which would stop the mocks at once.
 */
export function untilStopped(): Promise<string> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    const done = (why: string) => {
      for (const s of STOP_SIGNALS) process.off(s, onSignal);
      process.off('disconnect', onDisconnect);
      clearInterval(poll);
      resolve(why);
    };
    const onSignal = (signal: NodeJS.Signals) => done(signal);
    const onDisconnect = () => done('the parent process closed its IPC channel');
    for (const s of STOP_SIGNALS) process.once(s, onSignal);
    if (process.connected) process.once('disconnect', onDisconnect);
    const poll = setInterval(() => {
      if (process.ppid !== parent) done(`the parent process (pid ${parent}) went away`);
    }, PARENT_POLL_MS);
  });
}
