/**
 * The head-office migration list (headoffice/store/migrations/): versions 1, 2, 3 … in order,
 * one file per version named after it, every file listed, and the runner's order check refuses
 * gaps, repeats and reordering. Each SQL step hands the runner one statement per array element.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHoMigrationOrder, hoMigrations, latestHoVersion, type HoMigration } from '../../../headoffice/store/migrations/index.js';

const dir = fileURLToPath(new URL('../../../headoffice/store/migrations/', import.meta.url));

describe('head-office migration list', () => {
  it('runs 1, 2, 3 … without gaps or repeats, each named NNNN-words after its version', () => {
    expect(hoMigrations.length).toBeGreaterThanOrEqual(7);
    expect(hoMigrations.map((m) => m.version)).toEqual(hoMigrations.map((_, i) => i + 1));
    expect(latestHoVersion()).toBe(hoMigrations.length);
    for (const m of hoMigrations) expect(m.name).toMatch(new RegExp(`^${String(m.version).padStart(4, '0')}-[a-z0-9]+(-[a-z0-9]+)*$`));
    expect(new Set(hoMigrations.map((m) => m.name)).size).toBe(hoMigrations.length);
    expect(() => checkHoMigrationOrder(hoMigrations)).not.toThrow();
  });

  it('has one file per migration, and every migration file is in the list', () => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f))
      .sort();
    expect(files).toEqual(hoMigrations.map((m) => `${m.name}.ts`));
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => !/^\d{4}-/.test(f))
        .sort(),
    ).toEqual(['README.md', 'index.ts', 'types.ts']);
  });

  it('refuses a list with a gap, a repeat, a wrong order or a wrong start', () => {
    const m = (version: number): HoMigration => ({ version, name: `${String(version).padStart(4, '0')}-x`, up: async () => undefined });
    expect(() => checkHoMigrationOrder([m(1), m(2), m(3)])).not.toThrow();
    expect(() => checkHoMigrationOrder([m(1), m(3)])).toThrow(/0003-x has version 3; expected 2/);
    expect(() => checkHoMigrationOrder([m(1), m(2), m(2)])).toThrow(/expected 3/);
    expect(() => checkHoMigrationOrder([m(2), m(1)])).toThrow(/expected 1/);
    expect(() => checkHoMigrationOrder([m(0), m(1)])).toThrow(/expected 1/);
  });

  it('gives the runner whole statements, one per element, for both dialects (nothing is split on ";")', () => {
    for (const m of hoMigrations) {
      const statements = m.statements;
      if (!statements) continue; // a step written as up(q, dialect) issues its own statements
      for (const d of ['sqlite', 'pg'] as const) {
        const list = statements(d);
        expect(list.length, `${m.name} ${d}`).toBeGreaterThan(0);
        for (const sql of list) {
          expect(sql.trim(), `${m.name} ${d}`).not.toBe('');
          // No statement separator outside string literals.
          expect(sql.replace(/'[^']*'/g, "''"), `${m.name} ${d}: ${sql.slice(0, 60)}`).not.toContain(';');
        }
      }
    }
    // Column types differ by dialect only where they must.
    const first = hoMigrations[0]!.statements!;
    expect(first('sqlite').join('\n')).toMatch(/STRICT/);
    expect(first('pg').join('\n')).not.toMatch(/STRICT|AUTOINCREMENT/);
    expect(first('pg').join('\n')).toMatch(/GENERATED ALWAYS AS IDENTITY/);
  });
});
