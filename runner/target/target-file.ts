import type { Feature } from '../suite/types.js';

/** A target file (docs/targets.md) after ${env:…} substitution: the shape suites/target.schema.json checks. */
export interface TargetFile {
  as?: {
    issuer: string; metadata?: string; token_endpoint?: string; authorization_endpoint?: string; jwks_uri?: string;
    audience?: string; redirect_uri?: string; scope?: string;
    clients?: {
      confidential?: { client_id: string; client_secret: string; auth?: 'basic' | 'post' };
      public?: { client_id: string };
    };
    features?: Feature[];
  };
  rs?: { resource: string; audience?: string; features?: Feature[]; mock_as_port?: number; mock_as_issuer?: string };
}
