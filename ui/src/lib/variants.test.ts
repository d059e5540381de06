import { describe, expect, it } from 'vitest';
import { columnTitle, formatCell, NO_FILTERS, nextSort, toQuery } from './variants';

describe('variant view helpers', () => {
  it('turns the filter form into conditions, VAF from percent', () => {
    const query = toQuery({ ...NO_FILTERS, gene: 'BRCA1, BRCA2', minVaf: '30', passOnly: true, kind: 'indel' }, null);
    expect(query.conditions).toEqual([
      { kind: 'oneOf', column: 'gene', values: ['BRCA1', 'BRCA2'] },
      { kind: 'oneOf', column: 'class', values: ['insertion', 'deletion', 'delins'] },
      { kind: 'range', column: 'vaf', min: 0.3, max: null },
      { kind: 'oneOf', column: 'filter', values: ['PASS'] },
    ]);
    expect(toQuery(NO_FILTERS, null).conditions).toEqual([]);
    expect(toQuery({ ...NO_FILTERS, consequence: 'missense_variant stop_gained' }, null).conditions).toEqual([
      { kind: 'oneOf', column: 'consequence', values: ['missense_variant', 'stop_gained'] },
    ]);
    expect(toQuery({ ...NO_FILTERS, minDepth: 'deep' }, null).conditions).toEqual([]);
  });

  it('turns the annotation filters into ClinVar class and rarity conditions', () => {
    expect(toQuery({ ...NO_FILTERS, clinvar: 'P/LP', maxAf: '0.1' }, null).conditions).toEqual([
      { kind: 'oneOf', column: 'clinvar_class', values: ['P/LP'] },
      { kind: 'range', column: 'max_af', min: null, max: 0.001, orMissing: true },
    ]);
  });

  it('writes small allele frequencies in scientific notation', () => {
    expect(formatCell(4.24589e-6, 'max_af', 'en')).toBe('4.25e-6');
    expect(formatCell(0.0123, 'gnomad-exomes.af', 'en')).toBe('0.0123');
    expect(formatCell(0, 'max_af', 'en')).toBe('0');
    expect(columnTitle('clinvar', 'ja')).toBe('ClinVar');
  });

  it('cycles a column sort ascending, descending, off', () => {
    const up = nextSort(null, 'vaf');
    expect(up).toEqual({ column: 'vaf', descending: false });
    const down = nextSort(up, 'vaf');
    expect(down).toEqual({ column: 'vaf', descending: true });
    expect(nextSort(down, 'vaf')).toBeNull();
    expect(nextSort(down, 'dp')).toEqual({ column: 'dp', descending: false });
  });

  it('formats cells for people', () => {
    expect(formatCell(0.4567, 'vaf', 'en')).toBe('45.7 %');
    expect(formatCell(null, 'gene', 'ja')).toBe('—');
    expect(formatCell(1234567, 'dp', 'en')).toBe('1,234,567');
    expect(formatCell('chr17:43,044,295', 'locus', 'ja')).toBe('chr17:43,044,295');
    expect(columnTitle('gene', 'ja')).toBe('遺伝子');
    expect(columnTitle('info.DP', 'ja')).toBe('info.DP');
  });
});
