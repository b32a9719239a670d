import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..');
/** Rooms below the entry points, and the rooms each may import from. */
const MAY_IMPORT: Record<string, string[]> = {
  core: ['core'],
  adapters: ['core', 'adapters'],
  usecases: ['core', 'adapters', 'usecases'],
  // entry points use everything below them, never each other
  cli: ['core', 'adapters', 'usecases', 'cli'],
  server: ['core', 'adapters', 'usecases', 'server'],
  addin: ['core', 'adapters', 'usecases', 'addin'],
};
/** Ports: interfaces a use case declares and an adapter implements (the one way up allowed). */
const PORTS = new Set(['usecases/registerStore']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((s) => s.startsWith('.'));
}

describe('the rooms and what each may import', () => {
  for (const [room, allowed] of Object.entries(MAY_IMPORT)) {
    const files = sourceFiles(join(ROOT, room));

    it(`${room}/ has source files`, () => {
      expect(files.length).toBeGreaterThan(3);
    });

    it(`${room}/ imports only from ${allowed.join(', ')}${room === 'adapters' ? ' (and the store port)' : ''}`, () => {
      const wrong = files.flatMap((file) => relativeImports(file)
        .map((spec) => relative(ROOT, join(file, '..', spec)).split(sep).join('/'))
        .filter((target) => !allowed.includes(target.split('/')[0]) && !(room === 'adapters' && PORTS.has(target.replace(/\.ts$/, ''))))
        .map((target) => `${relative(ROOT, file)} → ${target}/`));
      expect(wrong).toEqual([]);
    });
  }
});
