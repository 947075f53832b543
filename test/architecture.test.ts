import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fromRoot } from '../base/package-root.js';

/** Every product source file (not tests, benches or generated output), relative to the package root. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(fromRoot(dir))) {
    const rel = join(dir, name);
    if (statSync(fromRoot(rel)).isDirectory()) out.push(...sources(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface Import {
  from: string;
  spec: string;
  /** The imported file relative to the root, for a relative import. */
  target?: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(fromRoot(file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
    const spec = m[1] ?? m[2];
    const target = spec.startsWith('.') ? relative(fromRoot(), resolve(dirname(fromRoot(file)), spec)).replace(/\.js$/, '.ts') : undefined;
    out.push({ from: file, spec, target });
  }
  return out;
}

const PRODUCT = ['protocol', 'base', 'mocks', 'vectors', 'runner', 'reports'];
const all = PRODUCT.flatMap(sources);
const imports = all.flatMap(importsOf);

describe('architecture: the layers of docs/architecture.md', () => {
  it('finds the product sources and their imports', () => {
    expect(all.length).to.be.greaterThan(100);
    expect(imports.filter((i) => i.target).length).to.be.greaterThan(200);
  });

  it('protocol/ imports nothing of the project: only jose, node: built-ins and itself', () => {
    const bad = imports.filter((i) => i.from.startsWith('protocol/') && !(i.spec === 'jose' || i.spec.startsWith('node:') || i.target?.startsWith('protocol/')));
    expect(bad.map((i) => `${i.from} imports ${i.spec}`)).to.deep.equal([]);
  });

  it('protocol/ reads no files and takes no fault switch', () => {
    const offenders: string[] = [];
    for (const f of sources('protocol')) {
      const text = readFileSync(fromRoot(f), 'utf8').replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const word of ['node:fs', 'readFileSync', 'process.env', 'fault', 'lax', 'ignoreExp', 'skip', 'Overrides']) {
        if (new RegExp(`\\b${word}`, 'i').test(text)) offenders.push(`${f}: ${word}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });
});
