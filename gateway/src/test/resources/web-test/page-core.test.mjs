// node --test page-core.test.mjs   (Node 18+; no packages needed)
// Optional: ARROW_DIR=/tmp/arrowtest/node_modules to also check frames written by apache-arrow.
//
// Extracts the VP-CORE block (pure functions) from web/vacuum-pressure.html and tests the Arrow reader, the grid
// validation and the §13 panel rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { encodeGridStream, FIELDS, loadApacheArrow, encodeGridStreamApache } from './arrow-writer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '../../../main/resources/web');
const html = readFileSync(path.join(webDir, 'vacuum-pressure.html'), 'utf8');
const m = html.match(/\/\* VP-CORE-BEGIN[\s\S]*?\*\/([\s\S]*?)\/\* VP-CORE-END \*\//);
assert.ok(m, 'VP-CORE block not found in vacuum-pressure.html');
const core = new Function(`'use strict';${m[1]}; return { decodeArrowStream, decodeGridFrame, computePanel,
  parseGridUpdate, validateRuntimeConfig, fmtSigned1, fmtEtFull, fmtEtHms, VP_FIELDS };`)();

function sampleColumns(seed = 1) {
  const cols = {};
  FIELDS.forEach((f, j) => {
    if (f === 'k') cols[f] = Int32Array.from({ length: 101 }, (_, i) => i - 50);
    else if (f === 'last_event_id') cols[f] = BigInt64Array.from({ length: 101 }, (_, i) => BigInt(9007199254740000 + i * seed));
    else cols[f] = Float64Array.from({ length: 101 }, (_, i) => Math.sin(i * 0.37 + j * seed) * (j + 1) + 1e-300 * i);
  });
  return cols;
}

function assertSame(decoded, cols) {
  for (const f of FIELDS) {
    assert.equal(decoded[f].length, 101, f);
    assert.deepEqual(Array.from(decoded[f]), Array.from(cols[f]), f);
  }
}

const toArrayBuffer = (buf) => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);


test('decodes a hand-written stream with zero-length validity buffers', () => {
  const cols = sampleColumns();
  assertSame(core.decodeGridFrame(toArrayBuffer(encodeGridStream(cols))), cols);
});

test('decodes a stream with materialised validity bitmaps', () => {
  const cols = sampleColumns(3);
  assertSame(core.decodeGridFrame(toArrayBuffer(encodeGridStream(cols, { validity: true }))), cols);
});

test('copies value buffers that are not aligned to their element size', () => {
  const cols = sampleColumns(5);
  const frame = encodeGridStream(cols, { misalign: true });
  assertSame(core.decodeGridFrame(toArrayBuffer(frame)), cols);
  const shifted = new Uint8Array(frame.length + 3);          // odd byteOffset inside a larger buffer
  shifted.set(frame, 3);
  assertSame(core.decodeGridFrame(shifted.subarray(3)), cols);
});

test('decodes frames written by apache-arrow (when ARROW_DIR is set)', async (t) => {
  if (!process.env.ARROW_DIR) { t.skip('ARROW_DIR not set'); return; }
  const arrow = await loadApacheArrow(process.env.ARROW_DIR);
  const cols = sampleColumns(7);
  const frame = encodeGridStreamApache(arrow, cols);
  assertSame(core.decodeGridFrame(toArrayBuffer(frame)), cols);
  const ours = arrow.tableFromIPC(encodeGridStream(cols));
  assert.equal(ours.numRows, 101);
  assert.equal(ours.getChild('last_event_id').get(100), cols.last_event_id[100]);
});

test('rejects frames that break the grid schema', () => {
  const cols = sampleColumns();
  const swapped = [...FIELDS]; [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
  assert.throws(() => core.decodeGridFrame(toArrayBuffer(encodeGridStream(cols, { fields: swapped }))), /expected pressure_variant/);
  const short = {}; FIELDS.forEach((f) => { short[f] = cols[f].slice(0, 100); });
  assert.throws(() => core.decodeGridFrame(toArrayBuffer(encodeGridStream(short))), /expected 101|k=/);
  const nan = sampleColumns(); nan.vacuum_variant[7] = NaN;
  assert.throws(() => core.decodeGridFrame(toArrayBuffer(encodeGridStream(nan))), /non-finite vacuum_variant at k=-43/);
  assert.throws(() => core.decodeGridFrame(toArrayBuffer(encodeGridStream(cols, { nullCount: 1 }))), /has nulls/);
  const frame = encodeGridStream(cols);
  assert.throws(() => core.decodeGridFrame(toArrayBuffer(frame.subarray(0, frame.length - 4000))), /truncated|out of range|no record batch/);
  assert.throws(() => core.decodeGridFrame(new ArrayBuffer(0)), /no record batch/);
});

test('panel example 1 of §15.3', () => {
  const k = [-1, 0, 1], p = [10, 99, 3], v = [2, 99, 6], r = [0, 0, 0];
  const x = core.computePanel(k, p, v, r);
  assert.deepEqual([x.bull, x.bear, x.net], [16, 5, 11]);
  assert.equal(core.fmtSigned1(x.net), '+11.0');
  assert.equal(x.state, 'UP BIAS');
  assert.equal(x.convictionPct, '52');
  assert.equal(x.long, 'HOLD');
  assert.equal(x.short, 'EXIT');
  assert.equal(x.risk, 'RESISTANCE THINNING');
});

test('panel example 2 of §15.3 (all zero)', () => {
  const z = new Array(101).fill(0), k = z.map((_, i) => i - 50);
  const x = core.computePanel(k, z, z, z);
  assert.equal(x.state, 'CHOP');
  assert.equal(x.convictionPct, '0');
  assert.equal(x.long, 'TIGHTEN');
  assert.equal(x.short, 'TIGHTEN');
  assert.equal(x.risk, 'BALANCED');
  assert.equal(x.lift, 0.5);
});

test('panel rules: down side, leans, risk order, conviction colour', () => {
  const down = core.computePanel([-1, 1], [2, 10], [6, 3], [5, 7]);  // PB 2 VB 6 PA 10 VA 3
  assert.equal(down.net, -11);
  assert.equal(down.state, 'DOWN BIAS');
  assert.equal(down.short, 'HOLD');
  assert.equal(down.long, 'EXIT');
  assert.equal(down.risk, 'SUPPORT FAILING');
  assert.equal(down.restTilt, -2);
  assert.equal(core.computePanel([-1, 1], [3, 0], [0, 0], [0, 0]).state, 'UP LEAN');  // not aligned: VA = PA
  assert.equal(core.computePanel([-1, 1], [0, 3], [0, 0], [0, 0]).state, 'DOWN LEAN');
  assert.equal(core.computePanel([-1, 1], [1.5, 0], [0, 0], [0, 0]).risk, 'BALANCED');
  assert.equal(core.computePanel([-1, 1], [2, 0], [0, 0], [0, 0]).risk, 'UP ADVANTAGE');
  // bull = PB + VA, bear = PA + VB; conviction = |net| / (bull + bear)
  assert.equal(core.computePanel([-1, 1], [3, 2], [0, 0], [0, 0]).convictionColor, 'grey');   // 1/5
  assert.equal(core.computePanel([-1, 1], [4, 2], [0, 0], [0, 0]).convictionColor, 'grey');   // 0.333
  assert.equal(core.computePanel([-1, 1], [4, 1.5], [0, 0], [0, 0]).convictionColor, 'amber'); // 0.4545
  assert.equal(core.computePanel([-1, 1], [4, 1], [0, 0], [0, 0]).convictionColor, 'green');  // 0.6
  // toFixed(0) rounds the exact double half up: 1/8 * 100 = 12.5 -> "13"
  assert.equal(core.computePanel([-1, 1], [4.5, 3.5], [0, 0], [0, 0]).convictionPct, '13');
});

test('grid_update header and runtime_config validation', () => {
  const ok = { type: 'grid_update', ts_ns: '1770390000061948957', event_id: 164122, mid_price: 21514.25,
    spot_ref_price_int: '21514250000000', best_bid_price_int: '21514000000000',
    best_ask_price_int: '9223372036854775807', book_valid: true };
  const h = core.parseGridUpdate(ok);
  assert.equal(h.tsNs, 1770390000061948957n);
  assert.equal(h.ask, 9223372036854775807n);
  assert.throws(() => core.parseGridUpdate({ ...ok, ts_ns: 1770390000061948957 }), /ts_ns/);
  assert.throws(() => core.parseGridUpdate({ ...ok, spot_ref_price_int: '21514.25' }), /spot_ref_price_int/);
  assert.throws(() => core.parseGridUpdate({ ...ok, mid_price: null }), /mid_price/);
  const cfg = { type: 'runtime_config', grid_max_ticks: 50, bucket_size_dollars: 0.25, tick_size: 0.25,
    grid_rows: 101, grid_schema_fields: FIELDS };
  assert.equal(core.validateRuntimeConfig(cfg), cfg);
  assert.throws(() => core.validateRuntimeConfig({ ...cfg, grid_max_ticks: 400 }), /grid_max_ticks/);
  assert.throws(() => core.validateRuntimeConfig({ ...cfg, grid_schema_fields: FIELDS.slice(1) }), /schema/);
  assert.deepEqual(core.VP_FIELDS, FIELDS);
});

test('timestamps are shown in America/New_York with the real DST offset', () => {
  assert.equal(core.fmtEtFull(1770386400000000000n), '2026-02-06 09:00:00.000 EST');      // §9.1 example
  assert.equal(core.fmtEtFull(1770390000061948957n), '2026-02-06 10:00:00.061 EST');
  assert.equal(core.fmtEtFull(1783344600999999999n), '2026-07-06 09:30:00.999 EDT');
  // 2026-03-08: 01:59:59 EST is followed by 03:00:00 EDT
  assert.equal(core.fmtEtFull(1772953199000000000n), '2026-03-08 01:59:59.000 EST');
  assert.equal(core.fmtEtFull(1772953200000000000n), '2026-03-08 03:00:00.000 EDT');
  assert.equal(core.fmtEtHms(Date.UTC(2026, 1, 6, 5, 0, 0)), '00:00:00');                  // h23, never 24
});
