#!/usr/bin/env node
/**
 * `prepare`: builds dist/ (`npm run build`) for `npm ci` and `npm install` in a clone.
 * npm also runs prepare right after prepack on `npm pack` and `npm publish`; prepack has
 * just built dist/ then, so this does nothing (one build per pack, not two).
 *
 * Plain JavaScript, because it runs before anything is compiled.
 */
import { execFileSync } from 'node:child_process';

const command = process.env.npm_command;
if (command === 'pack' || command === 'publish') process.exit(0);
const npm = process.env.npm_execpath;
if (npm) execFileSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' });
else execFileSync('npm', ['run', 'build'], { stdio: 'inherit', shell: true });
