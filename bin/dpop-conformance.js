#!/usr/bin/env node
// Entry point: the CLI is written in TypeScript and compiled to dist/ (prepare in a clone, prepack in the package).
import { main } from '../dist/runner/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
