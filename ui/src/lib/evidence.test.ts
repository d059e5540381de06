import { describe, expect, it } from 'vitest';
import { criterionMeaningKey, criterionRows, meterBands, meterPosition, METER_MAX, METER_MIN } from './evidence';
import { translate } from './i18n/translate';
import type { ExplanationDto, Proposal } from './ipc/bindings';

const proposal = (criterion: 'PM2' | 'BA1' | 'PVS1', state: Proposal['state'], path: string[] = []): Proposal => ({
  applied: { criterion, strength: criterion === 'PM2' ? 'supporting' : 'very-strong', modified: false },
  name: criterion === 'PM2' ? 'PM2_Supporting' : criterion,
  state,
  reason: `${criterion} from the evidence`,
  evidence: [],
  path,
});

function explanation(decided: boolean): ExplanationDto {
  const base = {
    caseLabel: 'K1', key: 'chr1-1-A-G', cacheFile: 'c.kcache', cacheSha256: 'a'.repeat(64),
    proposals: [proposal('BA1', 'not-met'), proposal('PM2', 'met'), proposal('PVS1', 'not-evaluable', ['null variant: stop_gained'])],
    ifAccepted: {} as ExplanationDto['ifAccepted'], notProposed: [], notes: [], inHouse: [], fusions: [],
  };
  if (!decided) return base as ExplanationDto;
  return {
    ...base,
    classification: {
      criteria: {
        decisions: [
          { applied: { criterion: 'PM2', strength: 'supporting', modified: false }, name: 'PM2_Supporting', state: 'rejected', proposal: base.proposals[1], note: 'low coverage', citation: null, decidedBy: 'ana' },
          { applied: { criterion: 'PS3', strength: 'moderate', modified: true }, name: 'PS3_Moderate', state: 'accepted', proposal: null, note: 'assay', citation: 'PMID:1', decidedBy: 'rev' },
        ],
      },
    },
  } as unknown as ExplanationDto;
}

describe('evidence board rows', () => {
  it('shows a met proposal as proposed until someone decides it', () => {
    const rows = criterionRows(explanation(false));
    expect(rows.map((r) => [r.name, r.state])).toEqual([
      ['BA1', 'not-met'], ['PM2_Supporting', 'proposed'], ['PVS1', 'not-evaluable'],
    ]);
    expect(rows[2].path).toEqual(['null variant: stop_gained']);
  });

  it('takes the decision and its note over the proposal, and lists codes added by hand last', () => {
    const rows = criterionRows(explanation(true));
    expect(rows.map((r) => [r.name, r.state, r.reason, r.decidedBy])).toEqual([
      ['BA1', 'not-met', 'BA1 from the evidence', null],
      ['PM2_Supporting', 'rejected', 'low coverage', 'ana'],
      ['PVS1', 'not-evaluable', 'PVS1 from the evidence', null],
      ['PS3_Moderate', 'accepted', 'assay', 'rev'],
    ]);
    expect(rows[3].evaluated).toBe(false);
    expect(rows[3].citation).toBe('PMID:1');
  });
});

describe('points meter', () => {
  const svi = { pathogenic_from: 10, likely_pathogenic_from: 6, likely_benign_to: -1, benign_to: -7 };

  it('lays the five bands side by side over the whole meter', () => {
    const bands = meterBands(svi);
    expect(bands.map((b) => b.cls)).toEqual(['benign', 'likely-benign', 'uncertain-significance', 'likely-pathogenic', 'pathogenic']);
    const cells = METER_MAX - METER_MIN + 1;
    expect(bands.map((b) => Math.round((b.width / 100) * cells))).toEqual([6, 6, 6, 4, 5]);
    expect(bands[0].left).toBe(0);
    expect(bands[4].left + bands[4].width).toBeCloseTo(100);
  });

  it('places points in the middle of their cell and clamps beyond the ends', () => {
    expect(meterPosition(METER_MIN)).toBeCloseTo(50 / (METER_MAX - METER_MIN + 1));
    expect(meterPosition(99)).toBe(meterPosition(METER_MAX));
    expect(meterPosition(10)).toBeGreaterThan(meterBands(svi)[4].left);
    expect(meterPosition(9)).toBeLessThan(meterBands(svi)[4].left);
  });
});

describe('criterion meanings', () => {
  // The 28 ACMG/AMP codes (Richards 2015), each with its meaning in both languages.
  const codes = [
    'PVS1', 'PS1', 'PS2', 'PS3', 'PS4', 'PM1', 'PM2', 'PM3', 'PM4', 'PM5', 'PM6',
    'PP1', 'PP2', 'PP3', 'PP4', 'PP5', 'BA1', 'BS1', 'BS2', 'BS3', 'BS4',
    'BP1', 'BP2', 'BP3', 'BP4', 'BP5', 'BP6', 'BP7',
  ];

  it('names every ACMG/AMP criterion and no other code', () => {
    for (const code of codes) expect(criterionMeaningKey(code), code).toBe(`criterion.${code}`);
    for (const other of ['1A', '2E', 'OVS1', 'OM2', 'PM2_Supporting', '']) expect(criterionMeaningKey(other), other).toBeNull();
  });

  it('reads PM2 in Japanese', () => {
    const key = criterionMeaningKey('PM2');
    expect(key && translate('ja', key)).toBe('集団データベースに存在しない、または極めてまれ');
  });
});
