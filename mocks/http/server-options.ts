/** Thrown if a route of a mock ever declares a schema: the mocks validate their input in their own checks. */
function noRouteSchemas(): never {
  throw new Error('the mock servers define no route schemas (mocks/http/server-options.ts)');
}

/**
 * The options every mock server is built with: no logger, bounded bodies and headers, and
 * no schema compilers. The mocks declare no route schema (each endpoint reads its input
 * through its own named checks, so that a fault can loosen one), so fastify's default
 * compilers (ajv and fast-json-stringify, loaded and set up per instance: about 0.1 s of a
 * run's start, docs/performance.md) are replaced by factories that refuse any schema.
 */
export const SERVER_OPTIONS = {
  logger: false,
  bodyLimit: 64 * 1024,
  http: { maxHeaderSize: 64 * 1024 },
  schemaController: {
    compilersFactory: { buildValidator: () => noRouteSchemas, buildSerializer: () => noRouteSchemas },
  },
} as const;
