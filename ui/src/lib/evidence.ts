// The evidence board's pure logic: one row per criterion from Kasane's proposals and the
// curator's decisions, and where points and class bands fall on the meter.
import { en, type MessageKey } from './i18n/en';
import type { ClassBands, Classification, CriterionDecision, ExplanationDto } from './ipc/bindings';

/** Where a criterion stands on the board. */
export type RowState = 'proposed' | 'accepted' | 'rejected' | 'not-met' | 'not-evaluable';

/** One criterion on the board. */
export interface CriterionRow {
  /** The code without strength: `PM2`. */
  code: string;
  /** The name with any strength: `PM2_Supporting`. */
  name: string;
  state: RowState;
  /** The curator's note when decided, else Kasane's reason. */
  reason: string;
  /** Kasane's decision path (the PVS1 tree nodes), if any. */
  path: string[];
  decidedBy: string | null;
  citation: string | null;
  /** Whether Kasane evaluated it (false for a code added by hand). */
  evaluated: boolean;
}

function fromDecision(d: CriterionDecision, path: string[]): CriterionRow {
  return {
    code: d.applied.criterion,
    name: d.name,
    state: d.state,
    reason: d.note ?? d.proposal?.reason ?? '',
    path,
    decidedBy: d.decidedBy,
    citation: d.citation,
    evaluated: d.proposal !== null,
  };
}

/** Every criterion Kasane evaluated, with the latest version's decision on it where there is
 *  one, then the codes the curators added by hand. */
export function criterionRows(e: ExplanationDto): CriterionRow[] {
  const decisions = e.classification?.criteria?.decisions ?? [];
  const rows: CriterionRow[] = e.proposals.map((p) => {
    const d = decisions.find((x) => x.applied.criterion === p.applied.criterion);
    if (d) return fromDecision(d, p.path);
    return {
      code: p.applied.criterion,
      name: p.name,
      state: p.state === 'met' ? 'proposed' : p.state,
      reason: p.reason,
      path: p.path,
      decidedBy: null,
      citation: null,
      evaluated: true,
    };
  });
  for (const d of decisions) {
    if (!e.proposals.some((p) => p.applied.criterion === d.applied.criterion)) rows.push(fromDecision(d, d.proposal?.path ?? []));
  }
  return rows;
}

/** The catalogue key of an ACMG/AMP criterion's meaning (`criterion.PVS1`), or `null` for a
 * code that is not one (a CNV section, an oncogenicity code). */
export function criterionMeaningKey(code: string): MessageKey | null {
  const key = `criterion.${code}`;
  return key in en ? (key as MessageKey) : null;
}

/** The meter's range in points. */
export const METER_MIN = -12;
export const METER_MAX = 14;
const CELLS = METER_MAX - METER_MIN + 1;

/** One class band on the meter, in percent of its width. */
export interface MeterBand {
  cls: Classification;
  left: number;
  width: number;
}

/** The five class bands of a rule set laid out on the meter. */
export function meterBands(b: ClassBands): MeterBand[] {
  const spans: [Classification, number, number][] = [
    ['benign', METER_MIN, b.benign_to],
    ['likely-benign', b.benign_to + 1, b.likely_benign_to],
    ['uncertain-significance', b.likely_benign_to + 1, b.likely_pathogenic_from - 1],
    ['likely-pathogenic', b.likely_pathogenic_from, b.pathogenic_from - 1],
    ['pathogenic', b.pathogenic_from, METER_MAX],
  ];
  return spans.map(([cls, from, to]) => ({
    cls,
    left: ((from - METER_MIN) / CELLS) * 100,
    width: ((to - from + 1) / CELLS) * 100,
  }));
}

/** Where `points` sit on the meter, in percent (the middle of its cell; clamped at the ends). */
export function meterPosition(points: number): number {
  const clamped = Math.min(METER_MAX, Math.max(METER_MIN, points));
  return ((clamped - METER_MIN + 0.5) / CELLS) * 100;
}

/** Whether the board's keyboard shortcut should act: not while typing in a field. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable === true);
}
