import { describe, expect, it } from '@jest/globals';
import { REFERENCE_MEASURES } from './domain/index.js';
import { definitionIssues, formSchemaIssues, structuralIssues } from './definition-validator.js';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const orphans = () => clone(REFERENCE_MEASURES[0]) as unknown as Record<string, any>;

describe('measure definition validation', () => {
  it.each(REFERENCE_MEASURES.map((d) => [d.code, d] as const))(
    'accepts the reference measure %s',
    (_code, definition) => {
      expect(definitionIssues(clone(definition))).toEqual([]);
    },
  );

  it('names unknown fields with their path', () => {
    const d = orphans();
    d.colour = 'red';
    d.eligibility[1].note = 'x';
    expect(structuralIssues(d)).toEqual(
      expect.arrayContaining([
        { field: 'definition.colour', message: 'unknown field' },
        { field: 'definition.eligibility.1.note', message: 'unknown field' },
      ]),
    );
  });

  it('names missing and mistyped fields', () => {
    const d = orphans();
    delete d.title.en;
    d.procedure.deadlineDays = '30';
    d.benefit.amount = { op: 'constant', cents: -1, label: { it: 'a', en: 'b' } };
    const fields = structuralIssues(d).map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'definition.title',
        'definition.procedure.deadlineDays',
        'definition.benefit.amount.cents',
      ]),
    );
  });

  it('checks nested money expressions recursively', () => {
    const d = clone(REFERENCE_MEASURES[1]) as unknown as Record<string, any>;
    d.benefit.monthly.of.of.op = 'divide';
    expect(structuralIssues(d).map((i) => i.field)).toContain('definition.benefit.monthly.of.of.op');
  });

  it('reports semantic problems with definition paths', () => {
    const d = orphans();
    d.eligibility[0].expression = { '<=': [{ var: 'nonexistentFact' }, 1] };
    expect(definitionIssues(d)).toEqual([
      { field: 'definition.eligibility.0.expression', message: 'unknown fact "nonexistentFact"' },
    ]);
  });

  it('takes an optional boolean revealsHealthOrHardship, set on the reference measures that reveal health or hardship', () => {
    const d = orphans();
    d.revealsHealthOrHardship = 'yes';
    expect(structuralIssues(d).map((i) => i.field)).toContain('definition.revealsHealthOrHardship');
    delete d.revealsHealthOrHardship;
    expect(structuralIssues(d)).toEqual([]);
    const flagged = REFERENCE_MEASURES.filter((m) => m.revealsHealthOrHardship)
      .map((m) => m.code)
      .sort();
    expect(flagged).toEqual([
      'ALER-VIOLENZA',
      'B1-FNA-2025',
      'B2-FNA-2025-SEREGNO',
      'BONUS-ASSISTENTI-FAMILIARI',
      'ORFANI-FEMMINICIDIO',
    ]);
  });

  it('rejects a form schema that does not compile', () => {
    expect(formSchemaIssues({ type: 'object', properties: { a: { type: 'strin' } } })).toHaveLength(1);
    expect(formSchemaIssues({ type: 'object', foo: 1 })).toHaveLength(1);
  });

  it('accepts English field texts under x-en and rejects a malformed x-en', () => {
    const withEnglish = (en: unknown) => ({
      type: 'object',
      properties: { a: { type: 'string', title: 'Nome', description: 'Come nel documento', 'x-en': en } },
    });
    expect(formSchemaIssues(withEnglish({ title: 'Name', description: 'As on the document' }))).toEqual([]);
    expect(formSchemaIssues(withEnglish({ title: 'Name' }))).toEqual([]);
    for (const malformed of ['Name', { description: 'no title' }, { title: '' }, { title: 'Name', label: 'x' }]) {
      expect(formSchemaIssues(withEnglish(malformed))).toEqual([
        { field: 'definition.formSchema', message: expect.stringContaining('x-en') },
      ]);
    }
  });
});
