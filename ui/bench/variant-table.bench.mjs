// Benchmark: the workbench's variant table on the five-million-row benchmark case (BENCHMARKS.md §3).
// Usage: node ui/bench/variant-table.bench.mjs APP_BINARY WORKSPACE CASE [SHOTS_DIR]
// with Xvfb and `tauri-driver --port 4444` running; the case must have been imported.
import { writeFileSync } from 'node:fs';
const server = 'http://127.0.0.1:4444';
const ELEMENT = 'element-6066-11e4-a52e-4f4e14ed93c8ba12';
async function wd(method, path, body) {
  const r = await fetch(`${server}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const j = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(j.value)}`);
  return j.value;
}
const created = await wd('POST', '/session', { capabilities: { alwaysMatch: { 'tauri:options': { application: process.argv[2], args: ['--workspace', process.argv[3], '--case', process.argv[4]] } } } });
const s = (p) => `/session/${created.sessionId}${p}`;
const js = (script, ...args) => wd('POST', s('/execute/sync'), { script, args });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(script, ms = 60000, ...args) { const end = Date.now() + ms; for (;;) { const v = await js(script, ...args); if (v) return v; if (Date.now() > end) throw new Error('timeout ' + script); await sleep(100); } }
const shots = process.argv[5] ?? '.';
const shot = async (name) => writeFileSync(`${shots}/${name}`, Buffer.from(await wd('GET', s('/screenshot')), 'base64'));
await until('return document.querySelector("[data-testid=tab-variants]")');
let t0 = Date.now();
await js('document.querySelector("[data-testid=tab-variants]").click()');
const count = await until('const c = document.querySelector("[data-testid=variant-count]"); const r = document.querySelector("[data-testid=variant-row]"); return c && r && r.textContent.includes("chr1") ? c.textContent : null');
console.log('variants tab with first page:', Date.now() - t0, 'ms;', count);
await shot('big-variants.png');
t0 = Date.now();
await js('const v = document.querySelector(".viewport"); v.scrollTop = v.scrollHeight / 2; v.dispatchEvent(new Event("scroll"));');
const mid = await until('const r = document.querySelector("[data-testid=variant-row]"); return r && !r.textContent.includes("…") ? r.textContent : null');
console.log('scroll to the middle, rows shown:', Date.now() - t0, 'ms;', mid.slice(0, 60));
await shot('big-variants-middle.png');
t0 = Date.now();
await js('const i = document.querySelector("[data-testid=filter-locus]"); i.value = "chr17:43,044,295-43,125,483"; i.dispatchEvent(new Event("input", { bubbles: true })); document.querySelector("[data-testid=filter-apply]").click();');
const filtered = await until('const c = document.querySelector("[data-testid=variant-count]"); return c && c.textContent !== arguments[0] ? c.textContent : null', 60000, count);
console.log('filter to the BRCA1 locus:', Date.now() - t0, 'ms;', filtered);
await sleep(300);
await shot('big-variants-locus.png');
t0 = Date.now();
await js('document.querySelectorAll("[role=columnheader]")[10].click()');
const sorted = await until('const r = document.querySelector("[data-testid=variant-row]"); const h = document.querySelectorAll("[role=columnheader]")[10]; return h && h.textContent.includes("▲") && r && !r.textContent.includes("…") ? h.textContent + " | " + r.textContent : null');
console.log('sort the locus selection by a column:', Date.now() - t0, 'ms;', sorted.slice(0, 80));
await wd('DELETE', s(''));
