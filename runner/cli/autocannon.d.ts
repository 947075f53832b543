/** The part of autocannon's API `dpop-conformance bench` and `npm run bench` use (the package ships no types). */
declare module 'autocannon' {
  interface RawRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    /** ms between samples; a stop() takes effect at the next one. */
    sampleInt?: number;
    requests?: {
      method?: string;
      path?: string;
      setupRequest?: (req: RawRequest) => RawRequest | undefined;
      /** Called with every answer (its body as read, its headers as name/value pairs). */
      onResponse?: (status: number, body: string, context: object, headers: Record<string, string | string[]>) => void;
    }[];
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    [k: string]: number;
  }
  export interface Result {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }
  interface Instance extends PromiseLike<Result> {
    stop(): void;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
