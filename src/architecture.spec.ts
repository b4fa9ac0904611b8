import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The boundaries of the code, read from the import specifiers of src/ (specs excluded):
 * `common/` is below every module and imports none; feature modules depend on each other in one
 * direction only, so each can be read (and changed) knowing only what it imports.
 */
const SRC = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every relative import of src/: [importing file, imported file], both relative to src/. */
const IMPORTS = sources(SRC).flatMap((file) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /\b(?:import|export)\s[^'";]*?from\s+['"](\.\.?\/[^'"]+)['"]|\bimport\(\s*['"](\.\.?\/[^'"]+)['"]/g,
    ),
  ].map((m) => [relative(SRC, file), relative(SRC, resolve(dirname(file), m[1] ?? m[2]))] as const),
);

const moduleOf = (path: string) => (path.startsWith('modules/') ? path.split('/')[1] : null);

/** Module folder -> the module folders it imports. */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of IMPORTS) {
    const a = moduleOf(from);
    const b = moduleOf(to);
    if (a && b && a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }
  return graph;
}

/** One cycle of the graph per strongly connected group of two or more modules, as a path a -> ... -> a. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) return void found.push([...path.slice(at), node].join(' -> '));
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('architecture', () => {
  it('reads the imports of the tree', () => {
    expect(IMPORTS.length).toBeGreaterThan(500);
    expect(moduleGraph().get('auth')).toContain('users');
  });

  it('has no import cycle between the folders of src/modules', () => {
    expect(cycles(moduleGraph())).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual(['a -> b -> c -> a']);
  });

  it('keeps common/ below everything: it imports only common/ and config/', () => {
    const upward = IMPORTS.filter(
      ([from, to]) => from.startsWith('common/') && !to.startsWith('common/') && !to.startsWith('config/'),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the composition root out of the modules: no module imports src/database or a root file', () => {
    const upward = IMPORTS.filter(([from, to]) => moduleOf(from) && (to.startsWith('database/') || !to.includes('/')));
    expect(upward).toEqual([]);
  });

  it('keeps SQL out of controllers and pages: none takes a DataSource, an EntityManager or a repository', () => {
    const readers = sources(SRC)
      .filter((f) => /\.(controller|pages)\.tsx?$/.test(f))
      .filter((f) => /\b(DataSource|EntityManager|InjectRepository)\b|\.query\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(readers).toEqual([]);
  });
});
