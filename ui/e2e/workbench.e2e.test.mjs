// End-to-end: the real workbench binary under Xvfb, driven through its WebKit web view by
// tauri-driver + WebKitWebDriver. Needs KASANE_APP (binary), KASANE_E2E_VCF (a VCF to add),
// KASANE_E2E_VEP_VCF (a VEP-annotated VCF to import), KASANE_CLI with KASANE_E2E_CLINVAR and
// KASANE_E2E_GNOMAD (to build and install an annotation cache) and KASANE_E2E_SHOTS (screenshot
// folder); tauri-driver must listen on WEBDRIVER_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const app = process.env.KASANE_APP;
const vcf = process.env.KASANE_E2E_VCF;
const vepVcf = process.env.KASANE_E2E_VEP_VCF;
const shots = process.env.KASANE_E2E_SHOTS ?? 'target/e2e';
const cli = process.env.KASANE_CLI;
const clinvar = process.env.KASANE_E2E_CLINVAR;
const gnomad = process.env.KASANE_E2E_GNOMAD;
const chr9Genes = process.env.KASANE_E2E_CHR9_GENES;
const chr9Fasta = process.env.KASANE_E2E_CHR9_FASTA;
const knowledge = fileURLToPath(new URL('../../assets/knowledge', import.meta.url));
let session;
let workspace;

async function wd(method, path, body) {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

const ELEMENT = 'element-6066-11e4-a52e-4f4e14ed93c8ba12';
const s = (path) => `/session/${session}${path}`;

async function find(css, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const found = await wd('POST', s('/element'), { using: 'css selector', value: css });
      return found[ELEMENT] ?? Object.values(found)[0];
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function text(css) {
  return wd('GET', s(`/element/${await find(css)}/text`));
}

async function waitForText(css, wanted, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    try {
      last = await text(css);
      if (last.includes(wanted)) return last;
    } catch {
      // not rendered yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`${css} never showed ${JSON.stringify(wanted)}; last text: ${JSON.stringify(last)}`);
}

async function waitUntil(css, accept, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    try {
      last = await text(css);
      if (accept(last)) return last;
    } catch {
      // not rendered yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`${css} never showed ${what}; last text: ${JSON.stringify(last)}`);
}

async function type(css, value) {
  const id = await find(css);
  await wd('POST', s(`/element/${id}/clear`), {});
  await wd('POST', s(`/element/${id}/value`), { text: value });
}

async function clear(css) {
  await wd('POST', s(`/element/${await find(css)}/clear`), {});
}

async function click(css) {
  await wd('POST', s(`/element/${await find(css)}/click`), {});
}

async function select(css, value) {
  // The element is waited for first: right after start-up the page may not be rendered yet.
  await find(css);
  await wd('POST', s('/execute/sync'), {
    script: 'const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event("change", { bubbles: true }));',
    args: [css, value],
  });
}

async function screenshot(name) {
  mkdirSync(shots, { recursive: true });
  const png = await wd('GET', s('/screenshot'));
  writeFileSync(join(shots, name), Buffer.from(png, 'base64'));
}

before(async () => {
  assert.ok(app, 'KASANE_APP must name the built workbench binary');
  assert.ok(vcf, 'KASANE_E2E_VCF must name a VCF to add');
  workspace = mkdtempSync(join(tmpdir(), 'kasane-e2e-'));
  const created = await wd('POST', '/session', {
    capabilities: { alwaysMatch: { 'tauri:options': { application: app, args: ['--workspace', workspace] } } },
  });
  session = created.sessionId;
});

after(async () => {
  if (session) await wd('DELETE', s(''));
});

test('create a case, add a VCF, see its checksum, switch to Japanese', async () => {
  await select('[data-testid=language]', 'en');
  await click('[data-testid=new-case]');
  await type('[data-testid=new-case-form] input[name=label]', 'KSN-E2E-001');
  await type('[data-testid=new-case-form] input[name=diagnosis]', 'Hereditary cancer panel follow-up');
  await click('[data-testid=new-case-form] button[type=submit]');
  await waitForText('[data-testid=case-title]', 'KSN-E2E-001');

  await type('[data-testid=add-file-form] input[name=path]', vcf);
  await click('[data-testid=add-file]');
  await waitForText('[data-testid=added]', 'Added');
  const table = await waitForText('[data-testid=layer-files]', 'GRCh38');
  assert.match(table, /WGS small variants/);
  const sha = await wd('POST', s('/execute/sync'), {
    script: 'return document.querySelector("[data-sha256]").dataset.sha256;',
    args: [],
  });
  assert.match(sha, /^[0-9a-f]{64}$/);
  assert.match(table, new RegExp(`${sha.slice(0, 8)}…${sha.slice(-8)}`));
  await screenshot('workbench-en.png');

  const png = join(mkdtempSync(join(tmpdir(), 'kasane-e2e-bad-')), 'image.vcf');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  await type('[data-testid=add-file-form] input[name=path]', png);
  await click('[data-testid=add-file]');
  const refusal = await waitForText('[data-testid=error]', 'PNG image');
  assert.match(refusal, /Not accepted/);
  assert.ok(refusal.includes(png), `the error names the file: ${refusal}`);
  await screenshot('refused-file-en.png');
  await click('[data-testid=error] button');
  const rows = await wd('POST', s('/execute/sync'), {
    script: 'return document.querySelectorAll("[data-testid=layer-files] tbody tr").length;',
    args: [],
  });
  assert.equal(rows, 1, 'the refused file was not added');

  await select('[data-testid=language]', 'ja');
  await waitForText('[data-testid=layer-files]', 'WGS 小規模バリアント');
  await waitForText('[data-testid=tab-audit]', '監査証跡');
  await screenshot('workbench-ja.png');

  await click('[data-testid=tab-audit]');
  await waitForText('[data-testid=audit-trail]', 'layer-file.added');
  await screenshot('audit-ja.png');
});

test('import a VEP-annotated VCF, filter the variant table to one gene and consequence, see QC', { skip: !vepVcf && 'KASANE_E2E_VEP_VCF not set' }, async () => {
  await select('[data-testid=language]', 'en');
  await click('[data-testid=new-case]');
  await type('[data-testid=new-case-form] input[name=label]', 'KSN-E2E-002');
  await click('[data-testid=new-case-form] button[type=submit]');
  await waitForText('[data-testid=case-title]', 'KSN-E2E-002');
  await type('[data-testid=add-file-form] input[name=path]', vepVcf);
  await click('[data-testid=add-file]');
  await waitForText('[data-testid=layer-files]', 'GRCh37');

  await click('[data-testid=tab-variants]');
  await click('[data-testid=import-start]');
  await waitForText('[data-testid=import-summary]', 'Imported 320 alleles');
  await waitForText('[data-testid=variant-count]', '320 rows match');
  await screenshot('variants-en.png');

  await type('[data-testid=filter-gene]', 'BRCA1');
  await click('[data-testid=filter-apply]');
  await waitForText('[data-testid=variant-count]', '0 rows match');

  await type('[data-testid=filter-gene]', 'CECR1');
  await type('[data-testid=filter-consequence]', 'missense_variant');
  await click('[data-testid=filter-apply]');
  const rowsOf = (t) => Number(t.replace(/[^0-9]/g, ''));
  const count = await waitUntil('[data-testid=variant-count]', (t) => rowsOf(t) > 0 && rowsOf(t) < 320, 'some but not all rows');
  assert.match(count, /rows match/);
  // The rows sit in a scrolled layer WebKitWebDriver reports no text for; read the DOM instead.
  let firstRow = '';
  for (let tries = 0; tries < 50 && !firstRow.includes('CECR1'); tries += 1) {
    firstRow = await wd('POST', s('/execute/sync'), {
      script: 'return document.querySelector("[data-testid=variant-row]")?.textContent ?? "";',
      args: [],
    });
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(firstRow, /CECR1/);
  assert.match(firstRow, /missense_variant/);
  assert.match(firstRow, /p\.[A-Z][a-z]{2}\d+[A-Z][a-z]{2}/);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-row]").click();', args: [] });
  const detail = await waitForText('[data-testid=variant-detail]', 'ENST00000399839');
  assert.match(detail, /missense_variant/);
  await screenshot('variants-gene-filter-en.png');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-detail]").scrollIntoView();', args: [] });
  await screenshot('variant-detail-en.png');

  await select('[data-testid=language]', 'ja');
  await waitForText('[data-testid=variant-count]', '該当');
  await screenshot('variants-gene-filter-ja.png');

  await click('[data-testid=tab-qc]');
  const titv = await waitForText('[data-testid=qc-titv]', '.');
  assert.match(titv, /^\d+\.\d+$/);
  await find('[data-testid=qc-figure-classes] svg');
  await screenshot('qc-ja.png');
});

test('install a cache, choose it, annotate a case, filter by ClinVar class, read the variant panel', { skip: !(cli && clinvar && gnomad) && 'KASANE_CLI, KASANE_E2E_CLINVAR or KASANE_E2E_GNOMAD not set' }, async () => {
  // A core hospital's cache, carried in: built and installed with the CLI into this workspace.
  const usb = mkdtempSync(join(tmpdir(), 'kasane-e2e-usb-'));
  const cache = join(usb, 'clinvar-gnomad.kcache');
  // Gene models of one gene, a test fixture: PCSK9's span as Ensembl places it on GRCh38
  // (ENSG00000169174, chr1:55,039,548-55,064,852, forward strand) with one placeholder
  // transcript over the gnomAD slice's exon-1 window (not Ensembl's transcript).
  const genes = join(usb, 'pcsk9.gff3');
  writeFileSync(genes, [
    '##gff-version 3',
    '1\tfixture\tgene\t55039548\t55064852\t.\t+\t.\tID=gene:ENSG00000169174;Name=PCSK9;biotype=protein_coding',
    '1\tfixture\tmRNA\t55039893\t55039951\t.\t+\t.\tID=transcript:fixture-1;Parent=gene:ENSG00000169174;biotype=protein_coding',
    '1\tfixture\texon\t55039893\t55039951\t.\t+\t.\tParent=transcript:fixture-1',
    // A second, made-up gene 60 kb on, for a breakend joining the two.
    '1\tfixture\tgene\t55100000\t55100100\t.\t+\t.\tID=gene:FIXTURE2;Name=FIXTURE2;biotype=protein_coding',
    '1\tfixture\tmRNA\t55100000\t55100100\t.\t+\t.\tID=transcript:fixture-2;Parent=gene:FIXTURE2;biotype=protein_coding',
    '1\tfixture\texon\t55100000\t55100100\t.\t+\t.\tParent=transcript:fixture-2',
  ].join('\n') + '\n');
  execFileSync(cli, [
    'cache', 'build', '--out', cache, '--clinvar', clinvar, '--gnomad', gnomad, '--knowledge', knowledge,
    '--genes', genes, '--release', 'genes=fixture: PCSK9 span', '--licence', 'genes=test fixture',
  ], { stdio: 'pipe' });
  execFileSync(cli, ['--workspace', workspace, 'cache', 'install', cache], { stdio: 'pipe' });
  // The patient's alleles: the first five records of the shared ClinVar file, the first allele
  // of the shared gnomAD slice, each with a genotype, and a deletion over the fixture's exon.
  const records = readFileSync(clinvar, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(0, 5);
  const gnomadAllele = ['1', '55039894', '.', 'G', 'C'].join('\t');
  const patient = join(usb, 'patient.vcf');
  writeFileSync(patient, [
    '##fileformat=VCFv4.2', '##reference=GRCh38',
    '##ALT=<ID=DEL,Description="Deletion">',
    '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">',
    '##INFO=<ID=END,Number=1,Type=Integer,Description="End position of the variant">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT',
    ...[...records, gnomadAllele].map((r) => { const f = r.split('\t'); return `chr${f[0]}\t${f[1]}\t.\t${f[3]}\t${f[4]}\t50\tPASS\t.\tGT\t0/1`; }),
    'chr1\t55039900\tdel1\tN\t<DEL>\t50\tPASS\tSVTYPE=DEL;END=55040000\tGT\t0/1',
    'chr1\t55039895\tbnd1\tN\tN[chr1:55100050[\t50\tPASS\tSVTYPE=BND\tGT\t0/1',
  ].join('\n') + '\n');

  await select('[data-testid=language]', 'en');
  await click('[data-testid=nav-caches]');
  const listed = await waitForText('[data-testid=installed-cache]', '2021-10-25');
  assert.match(listed, /clinvar-gnomad\.kcache/);
  assert.match(listed, /v4\.0 exomes/);
  await click('[data-testid=cache-use]');
  await waitForText('[data-testid=cache-active]', 'Active');
  await click('[data-testid=cache-verify]');
  await waitForText('[data-testid=cache-check]', 'Verified');
  await screenshot('caches-en.png');

  await click('[data-testid=new-case]');
  await type('[data-testid=new-case-form] input[name=label]', 'KSN-E2E-003');
  await click('[data-testid=new-case-form] button[type=submit]');
  await waitForText('[data-testid=case-title]', 'KSN-E2E-003');
  await type('[data-testid=add-file-form] input[name=path]', patient);
  await click('[data-testid=add-file]');
  await waitForText('[data-testid=layer-files]', 'GRCh38');
  await click('[data-testid=tab-variants]');
  await click('[data-testid=import-start]');
  await waitForText('[data-testid=variant-count]', '8 rows match');
  await click('[data-testid=annotate-start]');
  // Consent to secondary findings not recorded: the three PCSK9 rows (an ACMG SF gene) are
  // hidden and counted; recording consent shows them with their flag.
  await waitForText('[data-testid=variant-count]', '5 rows match');
  await waitForText('[data-testid=hidden-secondary]', '3 more rows lie in ACMG secondary-findings genes');
  await screenshot('secondary-findings-hidden-en.png');
  await select('[data-testid=consent]', 'consented');
  await waitForText('[data-testid=variant-count]', '8 rows match');
  const current = await waitForText('[data-testid=annotation-current]', 'clinvar 2021-10-25');
  assert.match(current, /5 alleles with a ClinVar record/);
  assert.match(current, /gnomad-exomes v4\.0 exomes/);
  await screenshot('variants-annotated-en.png');

  await select('[data-testid=filter-clinvar]', 'VUS');
  await click('[data-testid=filter-apply]');
  await waitUntil('[data-testid=variant-count]', (t) => /^[1-4] rows? match/.test(t), 'one to four VUS rows');
  let firstRow = '';
  for (let tries = 0; tries < 50 && !firstRow.includes('Uncertain'); tries += 1) {
    firstRow = await wd('POST', s('/execute/sync'), {
      script: 'return document.querySelector("[data-testid=variant-row]")?.textContent ?? "";',
      args: [],
    });
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(firstRow, /Uncertain significance/);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-row]").click();', args: [] });
  const panel = await waitForText('[data-testid=variant-panel]', 'Uncertain significance');
  assert.match(panel, /criteria provided, single submitter/);
  assert.match(panel, /VCV \d+/);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-panel]").scrollIntoView();', args: [] });
  await screenshot('variant-panel-en.png');

  // The evidence board of the VUS: PM2_Supporting is proposed (absent from gnomAD); deciding
  // needs a profile, picked in the header.
  const pm2 = '[data-testid=criterion-row][data-code=PM2]';
  await waitUntil(pm2, (t) => /PM2_Supporting/.test(t) && /proposed/.test(t), 'PM2_Supporting proposed');
  await waitForText('[data-testid=profile-missing]', 'Pick your profile');
  await click('[data-testid=profile-add]');
  await type('[data-testid=profile-form] input[name=name]', 'dr-ito');
  await click('[data-testid=profile-form] button[type=submit]');
  await waitUntil('[data-testid=profile]', (t) => !/Pick your profile/.test(t), 'the profile chosen');
  await click(`${pm2} [data-testid=accept]`);
  await waitUntil(pm2, (t) => /accepted/.test(t) && /dr-ito/.test(t), 'PM2 accepted by dr-ito');
  let status = await waitForText('[data-testid=board-class]', 'Uncertain significance');
  assert.match(status, /1 point · version 1 · not signed off/);
  // A code Kasane did not propose needs a reason: added by hand, the class changes to LP.
  await type('[data-testid=board-reason]', 'Nonsense in a gene with established LoF (curator check)');
  await type('[data-testid=board-citation]', 'PMID:30192042');
  await type('[data-testid=manual-code]', 'PVS1');
  await click('[data-testid=manual-add]');
  status = await waitForText('[data-testid=board-class]', 'Likely pathogenic');
  assert.match(status, /9 points · version 2/);
  const pvs1 = await waitForText('[data-testid=criterion-row][data-code=PVS1]', 'accepted');
  assert.match(pvs1, /PMID:30192042/);
  const marker = await wd('POST', s('/execute/sync'), { script: 'return document.querySelector("[data-testid=points-meter] .marker").dataset.points;', args: [] });
  assert.equal(marker, '9');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=evidence-board]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-lp-en.png');
  // Rejecting without a reason is refused with the reason why; with one, the class follows.
  await click(`${pm2} [data-testid=reject]`);
  await waitForText('[data-testid=error]', 'give the reason');
  await click('[data-testid=error] button');
  await type('[data-testid=board-reason]', 'Site poorly covered in gnomAD');
  await click(`${pm2} [data-testid=reject]`);
  status = await waitForText('[data-testid=board-class]', '8 points');
  // Keyboard: the criteria grid moves with the arrows and takes A on the chosen row.
  await click(`${pm2} code`);
  await wd('POST', s('/execute/sync'), {
    script: `const grid = document.querySelector("[data-testid=criteria]"); grid.focus();
      for (const key of ["ArrowUp", "ArrowDown", "a"]) grid.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));`,
    args: [],
  });
  status = await waitForText('[data-testid=board-class]', '9 points · version 4');
  // A reviewer other than the author signs the latest version off.
  await click('[data-testid=profile-add]');
  await type('[data-testid=profile-form] input[name=name]', 'dr-sato');
  await select('[data-testid=profile-form] select[name=role]', 'reviewer');
  await click('[data-testid=profile-form] button[type=submit]');
  await type('[data-testid=signoff-comment]', 'Agreed at the expert panel');
  await click('[data-testid=sign-off]');
  status = await waitForText('[data-testid=board-class]', 'signed off by dr-sato');
  const history = await text('[data-testid=history]');
  assert.match(history, /v4 Likely pathogenic \(9 points\) · dr-ito \(annotator\)/);
  assert.match(history, /v1 Uncertain significance \(1 point\)/);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=evidence-board]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-signed-en.png');
  await select('[data-testid=language]', 'ja');
  await waitForText('[data-testid=board-class]', 'おそらく病的');
  await waitForText('[data-testid=slot-rna]', 'このレイヤーの追加時に表示されます');
  // Each criterion's meaning in Japanese under its code; Kasane's reasons stay English, as the
  // column heading says.
  await waitForText('[data-testid=criterion-row][data-code=PM2] [data-testid=criterion-meaning]', '集団データベースに存在しない、または極めてまれ');
  await waitForText('[data-testid=criteria] thead', '根拠（Kasane の判定文は英語）');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=evidence-board]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-ja.png');
  await select('[data-testid=language]', 'en');

  // The gnomAD allele: its panel shows the exome frequencies with the groups.
  await select('[data-testid=filter-clinvar]', '');
  await type('[data-testid=filter-max-af]', '0.001');
  await type('[data-testid=filter-locus]', 'chr1:55,039,894');
  await click('[data-testid=filter-apply]');
  await waitForText('[data-testid=variant-count]', '1 rows match');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-row]").click();', args: [] });
  const frequencies = await waitForText('[data-testid=panel-frequency]', 'gnomad-exomes');
  assert.match(frequencies, /v4\.0 exomes/);
  assert.match(frequencies, /1,413,132/);
  assert.match(frequencies, /afr/);
  // The variant on the fixture's (non-coding) transcript, in HGVS n. numbering.
  const onTranscript = await waitForText('[data-testid=panel-transcript]', 'fixture-1');
  assert.match(onTranscript, /n\.2G>C non_coding_transcript_exon_variant/);
  // PCSK9 is an ACMG secondary-findings gene: the panel says for what and what is reported.
  const secondary = await waitForText('[data-testid=panel-secondary-finding]', 'Familial hypercholesterolemia');
  assert.match(secondary, /ACMG secondary findings gene \(listed since v1\.0\)/);
  assert.match(secondary, /\(AD\) · report all P and LP variants/);
  // ClinGen finds PCSK9 loss unlikely to cause disease (its familial hypercholesterolaemia
  // variants gain function), so the panel does not call loss of function established.
  const dosage = await waitForText('[data-testid=panel-dosage]', 'ClinGen dosage sensitivity (evaluated 2015-12-17)');
  assert.match(dosage, /haploinsufficiency: dosage sensitivity unlikely · triplosensitivity: no evidence/);
  assert.doesNotMatch(dosage, /loss of function/);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-panel]").scrollIntoView();', args: [] });
  await screenshot('variant-frequencies-en.png');
  // BS1 waits for the disorder; under Whiffin 2017's cardiomyopathy parameters (maximum
  // credible AF 4.0e-5) the grpmax FAF95 of 5.98e-5 proposes it.
  const bs1 = '[data-testid=criterion-row][data-code=BS1]';
  await waitUntil(bs1, (t) => /not evaluable/.test(t), 'BS1 waiting for the disorder');
  await type('[data-testid=disorder-prevalence]', '1/500');
  await type('[data-testid=disorder-contribution]', '0.02');
  await type('[data-testid=disorder-penetrance]', '0.5');
  await click('[data-testid=disorder-read]');
  const bs1Row = await waitUntil(bs1, (t) => /proposed/.test(t), 'BS1 proposed under the disorder');
  assert.match(bs1Row, /maximum credible AF 4\.00e-5/);
  await waitForText('[data-testid=disorder-state]', 'not stored yet');
  // Put on the shortlist: a first version with nothing decided (gnomAD holds it: no PM2),
  // storing the disorder's parameters with it.
  await click('[data-testid=shortlist-add]');
  await waitForText('[data-testid=board-class]', 'Uncertain significance');
  await waitForText('[data-testid=disorder-state]', 'stored with version 1');
  await waitForText('[data-testid=history]', 'put on the shortlist; population criteria read under the disorder\'s parameters: prevalence 0.002');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=disorder]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-bs1-en.png');

  await select('[data-testid=language]', 'ja');
  await waitForText('[data-testid=variant-panel]', '集団頻度と ClinVar');
  await waitForText('[data-testid=panel-secondary-finding]', 'ACMG 二次的所見の対象遺伝子');
  await waitForText('[data-testid=panel-dosage]', 'ハプロ不全：量的感受性は考えにくい');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-panel]").scrollIntoView();', args: [] });
  await screenshot('variant-panel-ja.png');

  // The deletion over the fixture's exon: its exon-level effect and exon diagram.
  await clear('[data-testid=filter-max-af]');
  await type('[data-testid=filter-locus]', 'chr1:55,039,900');
  await click('[data-testid=filter-apply]');
  await waitForText('[data-testid=variant-count]', '該当 1 行');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-row]").click();', args: [] });
  const structural = await waitForText('[data-testid=panel-structural]', 'fixture-1');
  assert.match(structural, /feature_truncation/);
  assert.match(structural, /切断点: エクソン 1/);
  await find('[data-testid=exon-diagram] svg');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=panel-structural]").scrollIntoView();', args: [] });
  await screenshot('variant-sv-exons-ja.png');
  // Its copy-number score from the Riggs 2020 sections the cache answers: PCSK9 in the span.
  const cnv = await waitForText('[data-testid=cnv-score]', 'Riggs 2020');
  assert.match(cnv, /意義不明/);
  // Classified by its Riggs sections: 1A accepted as proposed, then a section-4 score of the
  // curator's with its reason; the ACMG checklist stays closed for it.
  const oneA = '[data-testid=cnv-row][data-code="1A"]';
  await click(`${oneA} [data-testid=cnv-accept]`);
  await waitUntil(oneA, (t) => /dr-sato/.test(t), '1A accepted');
  await waitForText('[data-testid=cnv-chain]', 'Riggs 2020 の項目で分類');
  await waitForText('[data-testid=board-rule-set]', 'riggs-2020-cnv 1.1.0');
  await type('[data-testid=board-reason]', 'overlaps a population CNV in part (test fixture)');
  await type('[data-testid=cnv-section]', '4O=-0.30');
  await click('[data-testid=cnv-add]');
  const cnvClass = await waitForText('[data-testid=cnv-class]', '-0.30 ポイント (Riggs 2020)');
  assert.match(cnvClass, /意義不明/);
  await waitUntil('[data-testid=cnv-row][data-code="4O"]', (t) => /overlaps a population CNV/.test(t), '4O recorded');
  const cnvAcmg = await wd('POST', s('/execute/sync'), { script: 'return document.querySelector("[data-testid=criterion-row] [data-testid=accept]").disabled;', args: [] });
  assert.equal(cnvAcmg, true);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=slot-sv]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-cnv-ja.png');

  // The breakend joining fixture-1's 5′ part to FIXTURE2's 3′ part: a DNA-level fusion.
  await type('[data-testid=filter-locus]', 'chr1:55,039,895');
  await click('[data-testid=filter-apply]');
  await waitForText('[data-testid=variant-count]', '該当 1 行');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-row]").click();', args: [] });
  const fusion = await waitForText('[data-testid=panel-fusion]', 'FIXTURE2');
  assert.match(fusion, /5′ PCSK9 fixture-1 \(エクソン 1\) :: 3′ FIXTURE2 fixture-2 \(エクソン 1\) · 読み枠は不明/);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=panel-fusion]").scrollIntoView();', args: [] });
  await screenshot('variant-fusion-ja.png');
  // The evidence board judges the fusion against the diagnostic list: on none.
  const verdict = await waitForText('[data-testid=fusion-verdict]', 'PCSK9::FIXTURE2');
  assert.match(verdict, /意義不明の融合/);
  assert.match(verdict, /not on the diagnostic fusion list/);

  // The shortlist: the three classified variants, worked through with J/K and the board.
  await click('[data-testid=tab-shortlist]');
  const shortlist = await waitForText('[data-testid=shortlist]', 'chr1-55039894-G-C');
  assert.match(shortlist, /おそらく病的 \(9\)/);
  assert.match(shortlist, /dr-sato が承認/);
  const rows = await wd('POST', s('/execute/sync'), { script: 'return document.querySelectorAll("[data-testid=shortlist-row]").length;', args: [] });
  assert.equal(rows, 3);
  const firstKey = await text('[data-testid=shortlist-row].selected code');
  await wd('POST', s('/execute/sync'), { script: 'window.dispatchEvent(new KeyboardEvent("keydown", { key: "j" }));', args: [] });
  await waitUntil('[data-testid=shortlist-row].selected code', (t) => t !== firstKey, 'the next variant selected');
  await find('[data-testid=evidence-board] [data-testid=board-class]');
  await screenshot('shortlist-ja.png');

  // A tumour case: the same VUS is classified by its oncogenicity codes (Horak 2022).
  await select('[data-testid=language]', 'en');
  await click('[data-testid=new-case]');
  await type('[data-testid=new-case-form] input[name=label]', 'KSN-E2E-004');
  await type('[data-testid=new-case-form] input[name=tumourType]', 'Colorectal adenocarcinoma');
  await click('[data-testid=new-case-form] button[type=submit]');
  await waitForText('[data-testid=case-title]', 'KSN-E2E-004');
  await type('[data-testid=add-file-form] input[name=path]', patient);
  await click('[data-testid=add-file]');
  await waitForText('[data-testid=layer-files]', 'GRCh38');
  await click('[data-testid=tab-variants]');
  await click('[data-testid=import-start]');
  await waitForText('[data-testid=variant-count]', 'rows match');
  await click('[data-testid=annotate-start]');
  await waitForText('[data-testid=annotation-current]', 'clinvar 2021-10-25');
  await select('[data-testid=filter-clinvar]', 'VUS');
  await click('[data-testid=filter-apply]');
  await waitUntil('[data-testid=variant-count]', (t) => /^[1-4] rows? match/.test(t), 'one to four VUS rows');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-row]").click();', args: [] });
  const op4 = '[data-testid=somatic-row][data-code=OP4]';
  await waitUntil(op4, (t) => /proposed/.test(t), 'OP4 proposed (absent from gnomAD)');
  await click(`${op4} [data-testid=somatic-accept]`);
  await waitUntil(op4, (t) => /accepted/.test(t) && /dr-sato/.test(t), 'OP4 accepted');
  const somatic = await waitForText('[data-testid=somatic-class]', 'Uncertain significance');
  assert.match(somatic, /1 point \(Horak 2022\)/);
  await waitForText('[data-testid=somatic-chain]', 'classified by its oncogenicity codes');
  // Clinical evidence with its source tiers the variant in the case's tumour type.
  await waitForText('[data-testid=somatic-tier]', 'tier III in Colorectal adenocarcinoma');
  await type('[data-testid=board-citation]', 'test fixture: a made-up guideline');
  await type('[data-testid=evidence-item]', 'C:prognostic:Colorectal adenocarcinoma');
  await click('[data-testid=evidence-record]');
  await waitForText('[data-testid=somatic-tier]', 'tier II in Colorectal adenocarcinoma');
  await waitForText('[data-testid=somatic-evidence]', 'C:prognostic:Colorectal adenocarcinoma');
  const acmgAccept = await wd('POST', s('/execute/sync'), { script: 'return document.querySelector("[data-testid=criterion-row] [data-testid=accept]").disabled;', args: [] });
  assert.equal(acmgAccept, true);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=slot-somatic]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-somatic-en.png');
});

// A one-sample VCF of one record on `contig` (its length in the header), written into `dir`.
function oneRecordVcf(dir, name, contig, length, record) {
  const path = join(dir, name);
  writeFileSync(path, [
    '##fileformat=VCFv4.2', '##reference=GRCh38', `##contig=<ID=${contig},length=${length}>`,
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT',
    record,
  ].join('\n') + '\n');
  return path;
}

// Makes the installed cache `fileName` the active one on the Caches page.
async function useCache(fileName) {
  await click('[data-testid=nav-caches]');
  await waitForText('[data-testid=caches-view]', fileName);
  await wd('POST', s('/execute/sync'), {
    script: '[...document.querySelectorAll("[data-testid=installed-cache]")].find((a) => a.textContent.includes(arguments[0])).querySelector("[data-testid=cache-use]").click();',
    args: [fileName],
  });
  const escaped = fileName.replace(/\./g, '\\.');
  await waitUntil('[data-testid=caches-view]', (t) => new RegExp(`${escaped}\\s*Active`).test(t), `${fileName} active`);
}

// A new case `label` with the one-record `vcf`, imported and annotated with the active cache
// (whose source `source` the annotation names), its variant's evidence board opened.
async function openOneVariantCase(label, vcf, source) {
  await click('[data-testid=new-case]');
  await type('[data-testid=new-case-form] input[name=label]', label);
  await click('[data-testid=new-case-form] button[type=submit]');
  await waitForText('[data-testid=case-title]', label);
  await type('[data-testid=add-file-form] input[name=path]', vcf);
  await click('[data-testid=add-file]');
  await waitForText('[data-testid=layer-files]', 'GRCh38');
  await click('[data-testid=tab-variants]');
  await click('[data-testid=import-start]');
  await waitForText('[data-testid=variant-count]', '1 rows match');
  await click('[data-testid=annotate-start]');
  await waitForText('[data-testid=annotation-current]', source);
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=variant-row]").click();', args: [] });
}

test('a missense variant\'s REVEL score proposes PP3 on the evidence board', { skip: !(cli && chr9Genes && chr9Fasta) && 'KASANE_CLI, KASANE_E2E_CHR9_GENES or KASANE_E2E_CHR9_FASTA not set' }, async () => {
  // A cache of the shared Ensembl 91 models and reference of chr9:1-1,000,000 with a REVEL
  // file in REVEL 1.3's layout. The score is a TEST FIXTURE, not REVEL's (none are in
  // ../shared): DOCK8-201's second codon G>A, p.(Ala2Thr), scored 0.951.
  const usb = mkdtempSync(join(tmpdir(), 'kasane-e2e-usb-'));
  const revel = join(usb, 'revel_fixture.csv');
  writeFileSync(revel, 'chr,hg19_pos,grch38_pos,ref,alt,aaref,aaalt,REVEL,Ensembl_transcriptid\n9,214980,214980,G,A,A,T,0.951,ENST00000432829\n');
  const cache = join(usb, 'chr9-revel.kcache');
  execFileSync(cli, [
    'cache', 'build', '--out', cache, '--genes', chr9Genes, '--reference', chr9Fasta, '--revel', revel,
    '--release', 'genes=Ensembl 91', '--release', 'revel=v1.3 (test fixture)', '--licence', 'revel=test fixture',
    '--genome-build', 'GRCh38', '--knowledge', knowledge,
  ], { stdio: 'pipe' });
  execFileSync(cli, ['--workspace', workspace, 'cache', 'install', cache], { stdio: 'pipe' });
  const patient = oneRecordVcf(usb, 'dock8.vcf', 'chr9', 138394717, 'chr9\t214980\t.\tG\tA\t50\tPASS\t.\tGT\t0/1');

  await select('[data-testid=language]', 'en');
  await useCache('chr9-revel.kcache');
  await openOneVariantCase('KSN-E2E-005', patient, 'revel');
  const pp3 = '[data-testid=criterion-row][data-code=PP3]';
  const proposed = await waitUntil(pp3, (t) => /proposed/.test(t), 'PP3 proposed from REVEL');
  assert.match(proposed, /PP3_Strong/);
  assert.match(proposed, /REVEL 0\.951 \(revel v1\.3 \(test fixture\)\) ≥ 0\.932/);
  await waitForText('[data-testid=slot-computational]', 'REVEL');
  await click(`${pp3} [data-testid=accept]`);
  await waitUntil(pp3, (t) => /accepted/.test(t) && /dr-sato/.test(t), 'PP3 accepted');
  await waitForText('[data-testid=board-class]', '4 points');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=criteria]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-pp3-en.png');
});

test('a GAA variant\'s board adds up a patient\'s PP4 phenotype points and applies the code they reach', { skip: !cli && 'KASANE_CLI not set' }, async () => {
  // GAA's span on GRCh38 (chr17:80,101,581-80,119,881, ClinGen's curation list) as one gene
  // with a placeholder transcript: a TEST FIXTURE, not Ensembl's models. The rule set is chosen
  // by the gene; the findings are the curator's, scored by the VCEP's Table 4.
  const usb = mkdtempSync(join(tmpdir(), 'kasane-e2e-gaa-'));
  const genes = join(usb, 'gaa.gff3');
  writeFileSync(genes, [
    '##gff-version 3',
    '17\tfixture\tgene\t80101581\t80119881\t.\t+\t.\tID=gene:GAA;Name=GAA;biotype=protein_coding',
    '17\tfixture\tmRNA\t80101581\t80119881\t.\t+\t.\tID=transcript:fixture-gaa;Parent=gene:GAA;biotype=protein_coding',
    '17\tfixture\texon\t80101581\t80119881\t.\t+\t.\tParent=transcript:fixture-gaa',
  ].join('\n') + '\n');
  const cache = join(usb, 'gaa-fixture.kcache');
  execFileSync(cli, [
    'cache', 'build', '--out', cache, '--genes', genes, '--release', 'genes=fixture: GAA span',
    '--licence', 'genes=test fixture', '--genome-build', 'GRCh38',
  ], { stdio: 'pipe' });
  execFileSync(cli, ['--workspace', workspace, 'cache', 'install', cache], { stdio: 'pipe' });
  const patient = oneRecordVcf(usb, 'gaa.vcf', 'chr17', 83257441, 'chr17\t80105000\t.\tA\tG\t50\tPASS\t.\tGT\t0/1');

  await select('[data-testid=language]', 'en');
  await useCache('gaa-fixture.kcache');
  await openOneVariantCase('KSN-E2E-006', patient, 'gaa-fixture');
  await waitForText('[data-testid=board-rule-set]', 'clingen-lsd-vcep-gaa-v2 1.4.0');
  await click('[data-testid=phenotype-points] summary');
  await click('[data-testid=phenotype-finding][data-id=deficient-activity]');
  await waitForText('[data-testid=phenotype-score]', 'Points 2: PP4_Moderate');
  await click('[data-testid=phenotype-finding][data-id=muscle-mri]');
  await waitForText('[data-testid=phenotype-score]', 'Points 2.25: PP4_Moderate');
  assert.match(await text('[data-testid=phenotype-caveat]'), /pseudodeficiency/);
  await click('[data-testid=phenotype-finding][data-id=deficient-activity]');
  await waitForText('[data-testid=phenotype-score]', 'Points 0.25: below what PP4 needs');
  await click('[data-testid=phenotype-finding][data-id=deficient-activity]');
  await click('[data-testid=phenotype-use]');
  await click('[data-testid=manual-add]');
  const pp4 = '[data-testid=criterion-row][data-code=PP4]';
  const accepted = await waitUntil(pp4, (t) => /accepted/.test(t) && /dr-sato/.test(t), 'PP4_Moderate accepted');
  assert.match(accepted, /PP4_Moderate/);
  assert.match(accepted, /clingen-lsd-vcep-gaa-v2 1\.4\.0 phenotype points 2\.25 \(deficient-activity 2, muscle-mri 0\.25\): PP4_Moderate, reached from 2 points/);
  await waitForText('[data-testid=board-class]', '2 points');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=phenotype-points]").scrollIntoView();', args: [] });
  await screenshot('evidence-board-pp4-en.png');
  await select('[data-testid=language]', 'ja');
  await waitForText('[data-testid=phenotype-score]', '2.25 ポイント：PP4_Moderate');
  await screenshot('evidence-board-pp4-ja.png');
  await select('[data-testid=language]', 'en');
});

test('a panel adds its rule set on the Rule sets page; a broken file is refused with its line', async () => {
  // A TEST FIXTURE made from the built-in GAA file, not a ClinGen specification: a panel's
  // rule set for CDH1, and the same with BA1 out of range.
  const gaa = readFileSync(fileURLToPath(new URL('../../assets/rules/clingen-lsd-vcep-gaa-v2.json', import.meta.url)), 'utf8');
  const panel = gaa
    .replace(/"version": "[^"]+"/, '"version": "3.0.0"')
    .replaceAll('clingen-lsd-vcep-gaa-v2', 'panel-cdh1')
    .replaceAll('"GAA"', '"CDH1"');
  const dir = mkdtempSync(join(tmpdir(), 'kasane-e2e-rules-'));
  const good = join(dir, 'panel-cdh1.json');
  const broken = join(dir, 'broken.json');
  writeFileSync(good, panel);
  writeFileSync(broken, panel.replace('"ba1_above": 0.01', '"ba1_above": 1.5'));

  await select('[data-testid=language]', 'en');
  await click('[data-testid=nav-rule-sets]');
  const svi = await waitForText('[data-testid=rule-set][data-name=clingen-svi-points-2020]', 'Default');
  assert.match(svi, /Any gene no VCEP specification covers/);
  await waitForText('[data-testid=rule-set][data-name=clingen-lsd-vcep-gaa-v2]', 'GAA');
  // The VCEP's PVS1 table: its exons and codon, on the transcripts it numbers.
  const pvs1 = await waitForText('[data-testid=rule-set][data-name=clingen-lsd-vcep-gaa-v2] [data-testid=rule-set-pvs1]', 'NM_000152.5 / ENST00000302262.8');
  assert.match(pvs1, /premature stop before codon 916 → PVS1/);
  assert.match(pvs1, /loss of exon\(s\) 6, 9 → PVS1_Strong/);
  assert.match(pvs1, /initiation codon change → PVS1_Strong/);
  // Its PP4 phenotype points (Table 4), with the caveat on the exclusion that could not be read.
  const pp4 = await waitForText('[data-testid=rule-set][data-name=clingen-lsd-vcep-gaa-v2] [data-testid=rule-set-phenotype]', 'PP4_Moderate: 2 or more points · PP4: 1 or more points');
  assert.match(pp4, /deficient-activity \+2 — Deficient GAA activity/);
  assert.match(pp4, /muscle-histology \+0\.25/);
  assert.match(pp4, /Criterion not applied if the variant/);
  // The BA1 exception list: its nine variants, HFE p.(Cys282Tyr) by its GRCh38 allele.
  await waitForText('[data-testid=ba1-exceptions]', 'ClinGen SVI BA1 exception list 2018-07-30');
  const listed = await wd('POST', s('/execute/sync'), {
    script: 'return [...document.querySelectorAll("[data-testid=ba1-exception]")].map((r) => [...r.cells].map((c) => c.textContent).join("|"));',
    args: [],
  });
  assert.equal(listed.length, 9);
  assert.ok(listed.includes('HFE|NM_000410.3:c.845G>A p.(Cys282Tyr)|9|chr6-26092913-G-A'), listed.join('\n'));
  await type('[data-testid=rule-set-path]', broken);
  await click('[data-testid=rule-set-add]');
  await waitForText('[data-testid=error]', 'its population thresholds are out of range');
  await click('[data-testid=error] button');
  await type('[data-testid=rule-set-path]', good);
  await click('[data-testid=rule-set-add]');
  await waitForText('[data-testid=rule-set-added]', 'Added panel-cdh1 3.0.0');
  const added = await waitForText('[data-testid=rule-set][data-name=panel-cdh1]', 'Added to this workspace');
  assert.match(added, /CDH1/);
  assert.match(added, /Added by dr-sato on .* from panel-cdh1\.json · SHA-256/);
  await select('[data-testid=language]', 'ja');
  await waitForText('[data-testid=rule-set][data-name=panel-cdh1]', 'このワークスペースに追加');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=rule-set][data-name=panel-cdh1]").scrollIntoView();', args: [] });
  await screenshot('rule-sets-ja.png');
  await waitForText('[data-testid=rule-set][data-name=clingen-lsd-vcep-gaa-v2] [data-testid=rule-set-pvs1]', 'コドン 916 より前に');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=rule-set][data-name=clingen-lsd-vcep-gaa-v2] [data-testid=rule-set-pvs1]").scrollIntoView();', args: [] });
  await screenshot('rule-set-pvs1-ja.png');
  await waitForText('[data-testid=ba1-exceptions]', 'BA1 例外リスト');
  await wd('POST', s('/execute/sync'), { script: 'document.querySelector("[data-testid=ba1-exceptions]").scrollIntoView();', args: [] });
  await screenshot('ba1-exceptions-ja.png');
  await select('[data-testid=language]', 'en');
});
