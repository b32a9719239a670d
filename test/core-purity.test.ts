import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const CORE = join(__dirname, '..', 'core');
/** The only packages core may import: the add-in and the server both bundle them. */
const ALLOWED_PACKAGES = new Set(['jalaali-js']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('core/', () => {
  const files = sourceFiles(CORE);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(CORE, f), f]))('%s imports only core files and jalaali-js', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
      .map((m) => m[1] ?? m[2] ?? m[3]);
    const outside = specifiers.filter((s) => !s.startsWith('.') && !ALLOWED_PACKAGES.has(s));
    const escaping = specifiers.filter((s) => s.startsWith('.') && !join(file, '..', s).startsWith(CORE));
    expect({ outside, escaping }).toEqual({ outside: [], escaping: [] });
  });

  it('uses no Node, DOM or Office globals', () => {
    const offenders = files.filter((f) => /\b(process\.|Buffer\b|require\(|document\.|window\.|Office\.|Excel\.run)/.test(readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(offenders.map((f) => relative(CORE, f))).toEqual([]);
  });
});
