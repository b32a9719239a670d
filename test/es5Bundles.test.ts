/**
 * The add-in's own scripts must run in the webviews of Excel 2016/2019: Internet Explorer 11 and
 * Edge Legacy. Every script our built pages in dist/addin load (not Office.js, which Microsoft
 * builds for them) is parsed as ES5 by acorn, and every regular expression in them — literal or
 * `RegExp("…")` with a string — is checked for what those webviews' regex engines reject:
 * lookbehind, named groups, `\p{…}` property escapes and flags other than g, i and m.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Node } from 'acorn';

const DIST = join(__dirname, '..', 'dist', 'addin');

/** The scripts each built page loads with <script src>, Office.js left out. */
function pageScripts(): string[] {
  const pages = readdirSync(DIST).filter((name) => name.endsWith('.html'));
  const scripts = new Set<string>();
  for (const page of pages) {
    for (const match of readFileSync(join(DIST, page), 'utf8').matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
      if (!match[1].startsWith('office-js/')) scripts.add(match[1]);
    }
  }
  return [...scripts].sort();
}

/** What in a regular expression (its source and flags) the old webviews cannot run; empty when fine. */
function unsupported(source: string, flags: string): string[] {
  const found: string[] = [];
  if (/\(\?<[=!]/.test(source)) found.push('lookbehind');
  if (/\(\?<[A-Za-z_$]|\\k</.test(source)) found.push('named group');
  if (/\\[pP]\{/.test(source)) found.push('\\p{…}');
  if (/[^gim]/.test(flags)) found.push(`flags ${flags}`);
  return found;
}

/** Every regular expression in a parsed script with what is wrong with it. */
function badRegexes(ast: Node): string[] {
  const bad: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; regex?: { pattern: string; flags: string }; callee?: { type: string; name?: string }; arguments?: { type: string; value?: unknown }[] };
    if (n.type === 'Literal' && n.regex) {
      const problems = unsupported(n.regex.pattern, n.regex.flags);
      if (problems.length) bad.push(`/${n.regex.pattern.slice(0, 60)}/${n.regex.flags}: ${problems.join(', ')}`);
    }
    if ((n.type === 'NewExpression' || n.type === 'CallExpression') && n.callee?.type === 'Identifier' && n.callee.name === 'RegExp') {
      const [pattern, flags] = n.arguments ?? [];
      if (pattern?.type === 'Literal' && typeof pattern.value === 'string') {
        const flagText = flags?.type === 'Literal' && typeof flags.value === 'string' ? flags.value : '';
        const problems = unsupported(pattern.value, flagText);
        if (problems.length) bad.push(`RegExp(${JSON.stringify(pattern.value.slice(0, 60))}, ${JSON.stringify(flagText)}): ${problems.join(', ')}`);
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'regex' && value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return bad;
}

describe('the scripts the add-in\'s pages load', () => {
  const scripts = pageScripts();

  it('include the pane and ribbon bundles and the ES5 helpers', () => {
    expect(scripts).toEqual(['commands.js', 'legacy.js', 'notice.js', 'taskpane.js']);
  });

  it.each(scripts)('%s is ES5 with regular expressions old webviews can run', (name) => {
    const code = readFileSync(join(DIST, name), 'utf8');
    const ast = parse(code, { ecmaVersion: 5, sourceType: 'script' });
    expect(badRegexes(ast)).toEqual([]);
  });
});

describe('the regular expression check', () => {
  const check = (code: string) => badRegexes(parse(code, { ecmaVersion: 2022, sourceType: 'script' }));

  it('finds each feature the old webviews lack, in literals and in RegExp strings', () => {
    expect(check('/(?<!د)و/; /(?<=a)b/;')).toEqual(['/(?<!د)و/: lookbehind', '/(?<=a)b/: lookbehind']);
    expect(check('/(?<year>\\d{4})/;')).toEqual(['/(?<year>\\d{4})/: named group']);
    expect(check('/[^\\p{L}]/gu;')).toEqual(['/[^\\p{L}]/gu: \\p{…}, flags gu']);
    expect(check('new RegExp("(?<![\\\\d/])x", "g"); RegExp("a", "s");')).toEqual(['RegExp("(?<![\\\\d/])x", "g"): lookbehind', 'RegExp("a", "s"): flags s']);
  });

  it('passes what ES5 has: classes, groups, lookahead and g, i, m', () => {
    expect(check('/(?:^|[^\\d/])(\\d+)(?![\\d/])/gim; new RegExp("(a)(?=b)", "g");')).toEqual([]);
  });
});
