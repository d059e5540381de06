// Pure helpers of the variant views: how cells are shown, column titles and widths, and how the
// filter form becomes a query. Shared by the components and their tests.
import type { MessageKey } from './i18n/en';
import { translate, type Locale } from './i18n/translate';
import type { CellDto, ConditionDto, SortDto, VariantQueryDto } from './ipc/bindings';

/** Columns with a translated title; any other column (INFO fields …) shows its own name. */
const TITLES: Record<string, MessageKey> = {
  locus: 'column.locus',
  gene: 'column.gene',
  class: 'column.class',
  ref: 'column.ref',
  alt: 'column.alt',
  consequence: 'column.consequence',
  hgvs_c: 'column.hgvs_c',
  hgvs_p: 'column.hgvs_p',
  kasane_hgvs: 'column.kasane_hgvs',
  kasane_consequence: 'column.kasane_consequence',
  secondary_finding: 'column.secondary_finding',
  in_house: 'column.in_house',
  id: 'column.id',
  gt: 'column.gt',
  vaf: 'column.vaf',
  dp: 'column.dp',
  qual: 'column.qual',
  filter: 'column.filter',
  clinvar: 'column.clinvar',
  clinvar_stars: 'column.clinvar_stars',
  max_af: 'column.max_af',
  genes_at_start: 'column.genes_at_start',
  genes_at_end: 'column.genes_at_end',
};

/** The title of a column in `locale`. */
export function columnTitle(column: string, locale: Locale): string {
  const key = TITLES[column];
  return key ? translate(locale, key) : column;
}

const WIDTHS: Record<string, string> = {
  locus: '15em', gene: '6em', class: '9em', ref: '5em', alt: '5em', consequence: '11em',
  hgvs_c: '14em', hgvs_p: '13em', id: '9em', gt: '4.5em', vaf: '5em', dp: '3.5em', qual: '4.5em', filter: '7em',
  clinvar: '13em', clinvar_stars: '3em', max_af: '6em', kasane_hgvs: '22em', kasane_consequence: '11em', secondary_finding: '7em', in_house: '16em',
};

/** Allele-frequency columns (`max_af`, `gnomad-exomes.af` …), shown in scientific notation when small. */
function isFrequency(column: string): boolean {
  return column === 'max_af' || column.endsWith('.af') || column.endsWith('.grpmax_af') || column.endsWith('.faf95');
}

/** An allele frequency as people read it: 4.2 × 10⁻⁶ as `4.25e-6`, larger ones with four digits. */
export function formatFrequency(value: number, locale: Locale): string {
  if (value !== 0 && Math.abs(value) < 0.001) {
    const [mantissa, exponent] = value.toExponential(2).split('e');
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(mantissa))}e${Number(exponent)}`;
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value);
}

/** The CSS grid columns for a list of columns. */
export function gridColumns(columns: string[]): string {
  return columns.map((c) => WIDTHS[c] ?? '8em').join(' ');
}

/** A cell as text: VAF as a percentage, numbers localised, no value as an em dash. */
export function formatCell(cell: CellDto, column: string, locale: Locale): string {
  if (cell === null) return '—';
  if (typeof cell === 'boolean') return cell ? '✓' : '✗';
  if (typeof cell === 'number') {
    if (column === 'vaf') return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(cell * 100)} %`;
    if (column === 'qual') return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(cell);
    if (isFrequency(column)) return formatFrequency(cell, locale);
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(cell);
  }
  return cell;
}

/** The filter form of the variants view. */
export interface VariantFilters {
  gene: string;
  consequence: string;
  locus: string;
  kind: '' | 'snv' | 'indel' | 'sv';
  minVaf: string;
  minDepth: string;
  passOnly: boolean;
  text: string;
  /** ClinVar class (`clinvar_class`), after annotation. */
  clinvar: '' | 'P/LP' | 'VUS' | 'conflicting' | 'B/LB';
  /** Largest population allele frequency, in percent; alleles no source has seen pass. */
  maxAf: string;
}

export const NO_FILTERS: VariantFilters = {
  gene: '', consequence: '', locus: '', kind: '', minVaf: '', minDepth: '', passOnly: false, text: '', clinvar: '', maxAf: '',
};

const KIND_CLASSES: Record<'snv' | 'indel' | 'sv', string[]> = {
  snv: ['snv', 'mnv'],
  indel: ['insertion', 'deletion', 'delins'],
  sv: ['sv-deletion', 'sv-duplication', 'sv-tandem-duplication', 'sv-inversion', 'sv-insertion', 'sv-cnv', 'breakend'],
};

/** The query the form describes (empty fields add no condition); VAF is entered in percent. */
export function toQuery(filters: VariantFilters, sort: SortDto | null): VariantQueryDto {
  const conditions: ConditionDto[] = [];
  const gene = filters.gene.trim();
  if (gene) conditions.push({ kind: 'oneOf', column: 'gene', values: gene.split(/[\s,]+/).filter(Boolean) });
  const consequence = filters.consequence.trim();
  if (consequence) conditions.push({ kind: 'oneOf', column: 'consequence', values: consequence.split(/[\s,]+/).filter(Boolean) });
  if (filters.locus.trim()) conditions.push({ kind: 'locus', locus: filters.locus.trim() });
  if (filters.kind) conditions.push({ kind: 'oneOf', column: 'class', values: KIND_CLASSES[filters.kind] });
  const vaf = Number.parseFloat(filters.minVaf);
  if (Number.isFinite(vaf)) conditions.push({ kind: 'range', column: 'vaf', min: vaf / 100, max: null });
  const depth = Number.parseFloat(filters.minDepth);
  if (Number.isFinite(depth)) conditions.push({ kind: 'range', column: 'dp', min: depth, max: null });
  if (filters.passOnly) conditions.push({ kind: 'oneOf', column: 'filter', values: ['PASS'] });
  if (filters.text.trim()) conditions.push({ kind: 'text', text: filters.text.trim() });
  if (filters.clinvar) conditions.push({ kind: 'oneOf', column: 'clinvar_class', values: [filters.clinvar] });
  const maxAf = Number.parseFloat(filters.maxAf);
  if (Number.isFinite(maxAf)) conditions.push({ kind: 'range', column: 'max_af', min: null, max: maxAf / 100, orMissing: true });
  return { conditions, sort };
}

/** The next sort when a column header is clicked: ascending, then descending, then none. */
export function nextSort(current: SortDto | null, column: string): SortDto | null {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
