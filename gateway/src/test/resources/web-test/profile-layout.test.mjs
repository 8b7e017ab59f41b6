// node --test profile-layout.test.mjs   (Node 18+; no packages needed)
//
// Extracts the VP-CORE block (pure functions) from web/vacuum-pressure.html and tests the volume profile panel:
// the VPOC window, the request query, the SSE symbol filter and the horizontal histogram layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const html = readFileSync(path.resolve(here, '../../../main/resources/web/vacuum-pressure.html'), 'utf8');
const m = html.match(/\/\* VP-CORE-BEGIN[\s\S]*?\*\/([\s\S]*?)\/\* VP-CORE-END \*\//);
assert.ok(m, 'VP-CORE block not found in vacuum-pressure.html');
const core = new Function(`'use strict';${m[1]}; return { vpProfileWindow, vpProfileQuery, vpMessageSymbol,
  vpProfileLayout };`)();

// The gateway's answer for the spec §9 profile (bins 6000..6005, volumes 100,400,100,40,400,10).
const MODEL = {
  symbol: 'SPX', source_symbol: 'SPY', mode: 'raw', multiplier: 10.0, last_updated: null, bar_count: 6,
  last_bar_t: 0, min_bin: 6000, max_bin: 6005, vpoc: 6001, hvn: [6001, 6004], lvn: [6003, 6005],
  value_area_high: 6004, value_area_low: 6000,
  buckets: { 6000: 100.0, 6001: 400.0, 6002: 100.0, 6003: 40.0, 6004: 400.0, 6005: 10.0 }
};
const BOX = { width: 140, height: 80, left: 40, right: 0, top: 0, bottom: 0, tickPx: 14 };

test('the window is VPOC plus or minus half, or the whole profile without a VPOC', () => {
  assert.deepEqual(core.vpProfileWindow(MODEL, 150), { min: 5851, max: 6151 });
  assert.deepEqual(core.vpProfileWindow(MODEL, 2.7), { min: 5999, max: 6003 });
  assert.deepEqual(core.vpProfileWindow({ ...MODEL, vpoc: null }, 150), { min: 6000, max: 6005 });
  assert.equal(core.vpProfileWindow({ ...MODEL, min_bin: null, max_bin: null, vpoc: null }, 150), null);
  assert.equal(core.vpProfileWindow(null, 150), null);
});

test('the request names mode, symbol and window only when given', () => {
  assert.equal(core.vpProfileQuery('raw', '', null), 'mode=raw');
  assert.equal(core.vpProfileQuery('tv', 'NDX', { min: -5, max: 7 }), 'mode=tv&symbol=NDX&min=-5&max=7');
});

test('an SSE message is matched by its top-level symbol', () => {
  assert.equal(core.vpMessageSymbol('{"symbol":"SPX","mode":"raw","buckets":{}}'), 'SPX');
  assert.equal(core.vpMessageSymbol('{"symbol":"NDX","volume_profile":{"symbol":"QQQ"}}'), 'NDX');
  assert.equal(core.vpMessageSymbol('not json'), null);
  assert.equal(core.vpMessageSymbol('{"mode":"raw"}'), null);
});

test('bins run top to bottom from the highest, bars scale to the largest bucket', () => {
  const L = core.vpProfileLayout(MODEL, { min: 6000, max: 6007 }, BOX);
  assert.equal(L.rowH, 10);
  assert.equal(L.plotX, 40);
  assert.equal(L.plotW, 100);
  assert.equal(L.maxVol, 400);
  assert.deepEqual(L.rows.map((r) => [r.bin, r.y, r.w, r.kind]), [
    [6000, 70, 25, 'va'], [6001, 60, 100, 'vpoc'], [6002, 50, 25, 'va'],
    [6003, 40, 10, 'lvn'], [6004, 30, 100, 'hvn'], [6005, 20, 2.5, 'lvn']]);
  assert.equal(L.vpocY, 65);
  assert.deepEqual(L.va, { y0: 30, y1: 80 });                 // VAH 6004 row top .. VAL 6000 row bottom
  assert.deepEqual(L.hvnY, [65, 35]);
  assert.deepEqual(L.lvnY, [45, 25]);
  assert.deepEqual(L.ticks.map((t) => t.bin), [6000, 6002, 6004, 6006]);   // 2 bins * 10 px >= 14 px
});

test('a window clips buckets, value area and nodes, and rescales to its own largest bucket', () => {
  const L = core.vpProfileLayout(MODEL, { min: 6002, max: 6003 }, { ...BOX, height: 40 });
  assert.deepEqual(L.rows.map((r) => [r.bin, r.y, r.w, r.kind]), [[6002, 20, 100, 'va'], [6003, 0, 40, 'lvn']]);
  assert.equal(L.vpocY, null, 'the VPOC is outside the window');
  assert.deepEqual(L.va, { y0: 0, y1: 40 });
  assert.deepEqual(L.hvnY, []);
  assert.deepEqual(L.lvnY, [10]);
  const below = core.vpProfileLayout(MODEL, { min: 5000, max: 5009 }, BOX);
  assert.deepEqual([below.rows, below.va, below.maxVol], [[], null, 0]);
});

test('no model, no window or an inverted window gives no layout', () => {
  assert.equal(core.vpProfileLayout(null, { min: 0, max: 1 }, BOX), null);
  assert.equal(core.vpProfileLayout(MODEL, null, BOX), null);
  assert.equal(core.vpProfileLayout(MODEL, { min: 2, max: 1 }, BOX), null);
});
