// End-to-end: the real workbench binary under Xvfb, driven through its WebKit web view by
// tauri-driver + WebKitWebDriver. Needs KASANE_APP (binary), KASANE_E2E_VCF (a VCF to add) and
// KASANE_E2E_SHOTS (screenshot folder); tauri-driver must listen on WEBDRIVER_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const server = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const app = process.env.KASANE_APP;
const vcf = process.env.KASANE_E2E_VCF;
const shots = process.env.KASANE_E2E_SHOTS ?? 'target/e2e';
let session;

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

async function type(css, value) {
  const id = await find(css);
  await wd('POST', s(`/element/${id}/clear`), {});
  await wd('POST', s(`/element/${id}/value`), { text: value });
}

async function click(css) {
  await wd('POST', s(`/element/${await find(css)}/click`), {});
}

async function select(css, value) {
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
  const workspace = mkdtempSync(join(tmpdir(), 'kasane-e2e-'));
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
