/**
 * The reference RS in its own process for the load bench (bench/rs-load.ts), so that the
 * load generator does not share its event loop. Adds a `/baseline` route: the same server,
 * no credentials, no crypto. Its replay cache holds the number of jtis given as the first
 * argument (every proof the bench can send within the replay window; default the mock's
 * own bound). Reports its URL over IPC, and its CPU time when asked (`cpu-usage`); exits
 * when the parent goes away.
 */
import { resolveConfig } from '../mocks/config.js';
import { DEFAULT_REPLAY_LIMITS, REPLAY_ENTRY_BYTES } from '../mocks/replay-cache.js';
import { buildRsServer } from '../mocks/rs/server.js';

const replayCacheMax = Number(process.argv[2] ?? DEFAULT_REPLAY_LIMITS.maxEntries);
if (!Number.isSafeInteger(replayCacheMax) || replayCacheMax < 1)
  throw new Error(`replay cache size ${process.argv[2]}`);
const { app } = await buildRsServer(
  resolveConfig({
    replayCacheMax,
    replayCacheMaxBytes: Math.max(replayCacheMax * REPLAY_ENTRY_BYTES, DEFAULT_REPLAY_LIMITS.maxBytes),
  }),
);
app.get('/baseline', async () => ({ resource: 'ok', method: 'GET', path: '/baseline', proof: 'none' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
if (!addr || typeof addr === 'string') throw new Error('no TCP address');
process.send?.({ url: `http://127.0.0.1:${addr.port}` });
// The RS's own CPU time (every thread: the event loop, the thread pool's crypto, the GC), asked for around a timed pass.
process.on('message', (m) => {
  if (m === 'cpu-usage') process.send?.({ cpuUsage: process.cpuUsage() });
});
process.on('disconnect', () => {
  void app.close().then(() => process.exit(0));
});
