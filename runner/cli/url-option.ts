/** A command-line value as an absolute http(s) URL, or undefined when it is not one. */
export function httpUrlOf(v: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}
