/**
 * The record list of docs/sync.md, generated from the schemas (scripts/syncRecordsDoc.ts writes
 * it; a test fails when the document and the schemas disagree).
 */
import type { z } from 'zod';
import { RECORDS, RECORD_KINDS } from './registry.js';

type Def = { type: string; [k: string]: unknown };
const defOf = (t: unknown): Def => (t as { _zod: { def: Def } })._zod.def;

/** A compact type: objects list their field names, arrays show their element, enums their values. */
export function describeType(t: z.ZodType): string {
  const d = defOf(t);
  switch (d.type) {
    case 'string':
    case 'template_literal':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'literal':
      return (d.values as unknown[]).map((v) => JSON.stringify(v)).join('|');
    case 'enum':
      return Object.values(d.entries as Record<string, string>).join('|');
    case 'nullable':
      return `${describeType(d.innerType as z.ZodType)}|null`;
    case 'optional':
      return `${describeType(d.innerType as z.ZodType)}?`;
    case 'default':
      return describeType(d.innerType as z.ZodType);
    case 'union':
      return (d.options as z.ZodType[]).map((o) => describeType(o)).join('|');
    case 'array':
      return `[${describeType(d.element as z.ZodType)}]`;
    case 'object': {
      // Field names only: the schema file is the reference for nested types.
      return `{${Object.keys(d.shape as Record<string, z.ZodType>).join(', ')}}`;
    }
    default:
      return d.type;
  }
}

/** One table row per record kind: kind, version, fields (with types), meaning at head office. */
export function recordsMarkdown(): string {
  const rows = RECORD_KINDS.map((kind) => {
    const { version, schema, about } = RECORDS[kind];
    const shape = (defOf(schema).shape ?? {}) as Record<string, z.ZodType>;
    const fields = Object.entries(shape)
      .filter(([k]) => k !== 'v')
      .map(([k, t]) => `\`${k}\`: ${describeType(t).replace(/\|/g, '\\|')}`)
      .join('; ');
    return `| \`${kind}\` | ${version} | ${fields} | ${about} |`;
  });
  return ['| kind | v | payload fields (besides `v`) | at head office |', '|---|---|---|---|', ...rows].join('\n');
}
