import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..');
/** Rooms below the entry points, and the rooms each may import from. */
const MAY_IMPORT: Record<string, string[]> = {
  core: ['core'],
  adapters: ['core', 'adapters'],
  usecases: ['core', 'adapters', 'usecases'],
};

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

describe('the rooms below the entry points', () => {
  for (const [room, allowed] of Object.entries(MAY_IMPORT)) {
    const files = sourceFiles(join(ROOT, room));

    it(`${room}/ has source files`, () => {
      expect(files.length).toBeGreaterThan(3);
    });

    it(`${room}/ imports only from ${allowed.join(', ')}`, () => {
      const wrong = files.flatMap((file) => relativeImports(file)
        .map((spec) => relative(ROOT, join(file, '..', spec)).split(sep)[0])
        .filter((target) => !allowed.includes(target))
        .map((target) => `${relative(ROOT, file)} → ${target}/`));
      expect(wrong).toEqual([]);
    });
  }
});
