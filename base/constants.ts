/** Constants more than one layer needs, in one place. */

/** Where `dpop-conformance mock` puts the mock AS and RS unless told otherwise (README, docs/targets.md). */
export const DEFAULT_AS_PORT = 9440;
export const DEFAULT_RS_PORT = 9441;

/** The mocks' default proof iat window, seconds either side of now (RFC 9449 §11.1 leaves it to the server). */
export const DEFAULT_IAT_WINDOW = 60;

/** The redirect URI the test clients use unless a target file names another. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback';

/**
 * The reason the runner gives a case for a side not under test (the AS cases of an --rs
 * run): skipped, but no verdict on the server, so the console and every report count it apart.
 */
export const NOT_APPLICABLE_PREFIX = 'not applicable: ';
