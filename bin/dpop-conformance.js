#!/usr/bin/env node
// Entry point: the CLI is written in TypeScript and compiled to dist/ (prepare in a clone, prepack in the package).
import { setFlagsFromString } from 'node:v8';

// undici parses HTTP with llhttp compiled to WebAssembly. V8 then optimises that module on a
// background thread, and the process waits for the job before it can exit: about 0.3 s after
// every run that made a request (docs/performance.md). A CLI run never lives long enough to
// gain from the optimised code, so the module stays on V8's baseline compiler (Liftoff). Set
// before any WebAssembly is compiled, and only here: a program that imports the API keeps its own V8 flags.
setFlagsFromString('--liftoff-only');

const { main } = await import('../dist/runner/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
