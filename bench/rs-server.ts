/**
 * The reference RS in its own process for the load bench (bench/rs-load.ts), so that the
 * load generator does not share its event loop. Adds a `/baseline` route: the same server,
 * no credentials, no crypto. Reports its URL over IPC; exits when the parent goes away.
 */
import { resolveConfig } from '../mocks/config.js';
import { buildRsServer } from '../mocks/rs/server.js';

const { app } = await buildRsServer(resolveConfig());
app.get('/baseline', async () => ({ resource: 'ok', method: 'GET', path: '/baseline', proof: 'none' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
if (!addr || typeof addr === 'string') throw new Error('no TCP address');
process.send?.({ url: `http://127.0.0.1:${addr.port}` });
process.on('disconnect', () => {
  void app.close().then(() => process.exit(0));
});
