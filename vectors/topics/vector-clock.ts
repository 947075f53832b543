/** The fixed instant every time-dependent vector is judged at: 2026-11-01T00:00:00Z. */
export const VECTOR_NOW = 1793491200;
/** The iat window (seconds either side) the proof vectors assume. */
export const VECTOR_IAT_WINDOW = 60;
/** RFC 9449 §7.1 example access token, reused as the token proofs are bound to. */
export const EXAMPLE_TOKEN = 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU';
