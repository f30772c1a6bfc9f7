import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

/**
 * Issue 15 §2: a package that shipping code imports at run time is a dependency, not a
 * devDependency (electron-builder leaves devDependencies out of the app; head office installs
 * with --omit=dev). Shipping code: the core both sides share (with the model builder head office
 * runs when it refits), the kiosk's main process, preload, services and shared code, head office. Type-only imports are
 * erased at build time and may come from devDependencies; so may 'electron', which
 * electron-builder provides.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const SHIPPING = ['core', 'electron/main', 'electron/preload', 'electron/services', 'electron/shared', 'headoffice'];

function files(rel: string): string[] {
  const abs = path.join(root, rel);
  if (fs.statSync(abs).isFile()) return [abs];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|cts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

it('shipping code imports at run time only packages listed as dependencies', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const builtins = new Set(builtinModules);
  const wrong: string[] = [];
  let seen = 0;
  for (const f of SHIPPING.flatMap(files)) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
      if (m[1]) continue; // import type: erased
      const spec = m[2] ?? m[3]!;
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      if (builtins.has(name) || name === 'electron') continue;
      seen++;
      if (!Object.hasOwn(pkg.dependencies, name)) wrong.push(`${path.relative(root, f)} imports ${name}`);
    }
  }
  expect(seen).toBeGreaterThan(20);
  expect(wrong).toEqual([]);
});
