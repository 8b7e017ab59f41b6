#!/usr/bin/env node
// Offline stand-in for the gateway: serves web/ and streams spec §11.3 frames over a hand-written WebSocket
// server (Node built-ins only). Loopback only. See README.md.
//
//   node serve.mjs [--port 8099] [--interval-ms 25] [--burst N] [--max-grids N] [--jsonl replay-output.jsonl]
//                  [--scenario ok|error|orphan-binary|bad-config|end-after-N] [--arrow-dir DIR/node_modules]
//                  [--exit-after-s S] [--vp-interval-ms 5000]
// Also serves a synthetic volume profile: GET /api/models/volume_profile (SPX around 6000, levels computed here
// independently of the gateway) and GET /sse/volume-profile (retry, then one event per --vp-interval-ms).
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { encodeGridStream, FIELDS, loadApacheArrow, encodeGridStreamApache } from './arrow-writer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const PORT = Number(args.port || 8099);
const INTERVAL_MS = Number(args['interval-ms'] || 25);
const MAX_GRIDS = Number(args['max-grids'] || 1e9);
const SCENARIO = args.scenario || 'ok';
const BURST = Number(args.burst || 0);           // grids sent back to back before pacing starts
const WEB_DIR = path.resolve(args['web-dir'] || path.join(here, '../../../main/resources/web'));
const arrow = args['arrow-dir'] ? await loadApacheArrow(args['arrow-dir']) : null;
const encode = (cols) => (arrow ? encodeGridStreamApache(arrow, cols) : encodeGridStream(cols));

const RUNTIME_CONFIG = {
  type: 'runtime_config', product_type: 'future_mbo', symbol: 'MNQH6', symbol_root: 'MNQ', price_scale: 1e-9,
  tick_size: 0.25, bucket_size_dollars: 0.25, rel_tick_size: 0.25, grid_max_ticks: 50, contract_multiplier: 2.0,
  qty_unit: 'contracts', price_decimals: 2, config_version: 'e9c7ca0145bc:k50', mode: 'pre_prod',
  deployment_stage: 'pre_prod', stream_format: 'dense_grid', grid_schema_fields: FIELDS, grid_rows: 101
};

// ---------- minimal RFC 6455 server side ----------
function wsFrame(opcode, payload) {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len])
    : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 255])
    : (() => { const h = Buffer.alloc(10); h[0] = 0x80 | opcode; h[1] = 127; h.writeBigUInt64BE(BigInt(len), 2); return h; })();
  return Buffer.concat([head, payload]);
}
function wsClosePayload(code, reason) {
  const r = Buffer.from(reason, 'utf8').subarray(0, 123);
  const b = Buffer.alloc(2 + r.length); b.writeUInt16BE(code, 0); r.copy(b, 2); return b;
}
class Peer {
  constructor(socket) {
    this.socket = socket; this.closed = false; this.rx = Buffer.alloc(0);
    socket.on('data', (d) => this.onData(d));
    socket.on('close', () => { this.closed = true; });
    socket.on('error', () => { this.closed = true; });
  }
  send(opcode, payload) {
    if (this.closed) return Promise.resolve();
    const ok = this.socket.write(wsFrame(opcode, payload));
    return ok ? Promise.resolve() : new Promise((res) => this.socket.once('drain', res));
  }
  text(obj) { return this.send(1, Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj))); }
  binary(buf) { return this.send(2, buf); }
  close(code, reason = '') {
    if (this.closed) return;
    this.socket.write(wsFrame(8, wsClosePayload(code, reason)));
    this.closed = true;
    setTimeout(() => this.socket.end(), 100);
  }
  onData(d) {
    this.rx = Buffer.concat([this.rx, d]);
    while (this.rx.length >= 2) {
      const op = this.rx[0] & 15, masked = this.rx[1] & 128;
      let len = this.rx[1] & 127, off = 2;
      if (len === 126) { if (this.rx.length < 4) return; len = this.rx.readUInt16BE(2); off = 4; }
      else if (len === 127) { if (this.rx.length < 10) return; len = Number(this.rx.readBigUInt64BE(2)); off = 10; }
      const need = off + (masked ? 4 : 0) + len;
      if (this.rx.length < need) return;
      const mask = masked ? this.rx.subarray(off, off + 4) : null;
      const body = Buffer.from(this.rx.subarray(need - len, need));
      if (mask) for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3];
      this.rx = this.rx.subarray(need);
      if (op === 8) { const code = body.length >= 2 ? body.readUInt16BE(0) : 1005; log(`client closed ${code}`); this.close(code === 1005 ? 1000 : code); }
      else if (op === 9) this.send(10, body);
    }
  }
}

// ---------- grid sources ----------
function makeSynthetic() {
  let spot = 21514250000000n, ts = 1770390000000000000n, eventId = 164000;
  let drift = 0, n = 0;
  const tick = 250000000n;
  const blobs = Array.from({ length: 6 }, (_, i) => ({ k: (i - 3) * 12, w: 3 + i, amp: (i % 2 ? 1 : -1) * (6 + i * 2), v: 0 }));
  const depth = Float64Array.from({ length: 101 }, (_, i) => 5 + Math.abs(i - 50) * 0.9 + Math.random() * 20);
  return {
    next() {
      n++;
      ts += BigInt(Math.round((15 + Math.random() * 40) * 1e6));
      eventId += 1 + Math.floor(Math.random() * 30);
      drift = drift * 0.98 + (Math.random() - 0.5) * 0.3;
      if (Math.random() < 0.08 + Math.abs(drift) * 0.2) spot += (drift + (Math.random() - 0.5) * 0.4 > 0 ? tick : -tick);
      const cols = {};
      for (const f of FIELDS) cols[f] = f === 'k' ? Int32Array.from({ length: 101 }, (_, i) => i - 50)
        : f === 'last_event_id' ? new BigInt64Array(101) : new Float64Array(101);
      for (const b of blobs) { b.v = b.v * 0.95 + (Math.random() - 0.5) * 0.4; b.k += b.v; if (Math.abs(b.k) > 48) b.v = -b.v; }
      for (let i = 0; i < 101; i++) {
        const k = i - 50;
        let net = 0;
        for (const b of blobs) net += b.amp * Math.exp(-((k - b.k) ** 2) / (2 * b.w * b.w)) * (0.6 + 0.4 * Math.sin(n / 40 + b.w));
        net += (Math.random() - 0.5) * 2 * Math.exp(-Math.abs(k) / 15) * 4;
        const touched = Math.random() < 0.9 - Math.abs(k) / 120;
        if (!touched) continue;
        cols.pressure_variant[i] = Math.max(0, net) + Math.random() * 0.3;
        cols.vacuum_variant[i] = Math.max(0, -net) + Math.random() * 0.3;
        depth[i] = Math.max(0, depth[i] + (Math.random() - 0.5) * 3);
        cols.rest_depth[i] = Math.round(depth[i]);
        cols.add_mass[i] = cols.pressure_variant[i] * 3; cols.pull_mass[i] = cols.vacuum_variant[i] * 2;
        cols.fill_mass[i] = Math.random(); cols.v_add[i] = cols.pressure_variant[i]; cols.v_pull[i] = cols.vacuum_variant[i];
        cols.v_rest_depth[i] = (Math.random() - 0.5) * 2; cols.a_add[i] = (Math.random() - 0.5) * 0.2;
        cols.j_add[i] = (Math.random() - 0.5) * 0.02;
        cols.last_event_id[i] = BigInt(eventId - Math.floor(Math.random() * 500));
      }
      const mid = Number(spot) * 1e-9 - (Math.random() < 0.5 ? 0.125 : 0);
      return {
        header: { type: 'grid_update', ts_ns: String(ts), event_id: eventId, mid_price: mid,
          spot_ref_price_int: String(spot), best_bid_price_int: String(spot - tick),
          best_ask_price_int: String(spot), book_valid: true },
        cols
      };
    }
  };
}

// Replays `replay` output (JSON lines, spec §12): each line becomes a grid_update plus an Arrow frame.
function makeJsonl(file) {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  const it = rl[Symbol.asyncIterator]();
  return {
    async next() {
      const r = await it.next();
      if (r.done) return null;
      const o = JSON.parse(r.value);                   // event ids stay below 2^53
      const cols = {};
      for (const f of FIELDS) cols[f] = f === 'k' ? Int32Array.from(o.grid.k)
        : f === 'last_event_id' ? BigInt64Array.from(o.grid.last_event_id, BigInt) : Float64Array.from(o.grid[f]);
      const { grid, ...rest } = o;
      return { header: { type: 'grid_update', ...rest }, cols };
    },
    close() { rl.close(); }
  };
}

// ---------- streaming ----------
const log = (...a) => console.log(new Date().toISOString().slice(11, 23), ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function stream(peer, url) {
  log(`stream ${url.search} scenario=${SCENARIO}`);
  if (SCENARIO === 'error') {
    const msg = 'Requested instrument does not match locked single-instrument runtime config.\nRequested: future_mbo:ESH6\n' +
      'Locked:    future_mbo:MNQH6\nConfig:    /opt/marketswarm/instrument.yaml';
    await peer.text({ type: 'error', message: msg });
    peer.close(1008, msg);
    return;
  }
  if (SCENARIO === 'bad-config') { await peer.text({ ...RUNTIME_CONFIG, grid_max_ticks: 400 }); return; }
  await peer.text(RUNTIME_CONFIG);
  const src = args.jsonl ? makeJsonl(args.jsonl) : makeSynthetic();
  const endAfter = /^end-after-(\d+)$/.exec(SCENARIO);
  let sent = 0;
  try {
    while (!peer.closed && sent < MAX_GRIDS) {
      const g = await src.next();
      if (!g) break;
      if (SCENARIO === 'orphan-binary' && sent === 20) { await peer.binary(encode(g.cols)); break; }
      await peer.text(g.header);
      await peer.binary(encode(g.cols));
      sent++;
      if (endAfter && sent >= Number(endAfter[1])) break;
      if (sent > BURST) await sleep(INTERVAL_MS);
    }
  } finally {
    if (src.close) src.close();
  }
  log(`sent ${sent} grids`);
  if (!peer.closed && (endAfter || sent >= MAX_GRIDS || SCENARIO === 'ok')) peer.close(1000, '');
}

// ---------- synthetic volume profile (spec volume-profile.md §4-§6 shapes) ----------
const VP_INTERVAL_MS = Number(args['vp-interval-ms'] || 5000);
let vpGeneration = 0;
function vpModel(mode) {
  const bins = [], vols = [];
  for (let b = 5600; b <= 6400; b++) {
    const x = b - 6000 - (vpGeneration % 5), tv = mode === 'tv' ? 1.15 : 1;
    const v = 9000 * Math.exp(-((x + 60) ** 2) / (2 * 70 ** 2)) * tv + 6000 * Math.exp(-((x - 140) ** 2) / (2 * 45 ** 2))
      + 400 * (1 + Math.sin(b * 0.7));
    if (b % 97 !== 0) { bins.push(b); vols.push(Math.round(v * 100) / 100); }
  }
  let vpoc = 0, total = 0;
  vols.forEach((v, i) => { total += v; if (v > vols[vpoc]) vpoc = i; });
  const avg = total / vols.length;
  const dense = new Map(bins.map((b, i) => [b, vols[i]]));
  let lo = bins[vpoc], hi = bins[vpoc], acc = vols[vpoc];
  const at = (b) => dense.get(b) || 0;
  while (acc < 0.7 * total && (lo > bins[0] || hi < bins[bins.length - 1])) {
    const canUp = hi < bins[bins.length - 1], canDown = lo > bins[0];
    if (canUp && (!canDown || at(hi + 1) >= at(lo - 1))) { hi++; acc += at(hi); } else { lo--; acc += at(lo); }
  }
  return { bins, vols, vpoc: bins[vpoc], lo, hi, hvn: bins.filter((b, i) => vols[i] >= 1.5 * avg),
    lvn: bins.filter((b, i) => vols[i] <= 0.5 * avg) };
}
function vpAnswer(url, res) {
  const mode = url.searchParams.get('mode') || 'raw';
  if (mode !== 'raw' && mode !== 'tv') {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: `mode must be raw or tv, got '${mode}'` }));
    return;
  }
  const min = url.searchParams.get('min') ? Number(url.searchParams.get('min')) : -Infinity;
  const max = url.searchParams.get('max') ? Number(url.searchParams.get('max')) : Infinity;
  const m = vpModel(mode), inWin = (b) => b >= min && b <= max, buckets = {};
  m.bins.forEach((b, i) => { if (inWin(b)) buckets[b] = m.vols[i]; });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ symbol: 'SPX', source_symbol: 'SPY', mode, multiplier: 10.0,
    last_updated: new Date().toISOString(), bar_count: 490000 + vpGeneration, last_bar_t: Date.now(),
    min_bin: m.bins[0], max_bin: m.bins[m.bins.length - 1], vpoc: m.vpoc, hvn: m.hvn.filter(inWin),
    lvn: m.lvn.filter(inWin), value_area_high: m.hi, value_area_low: m.lo, buckets }));
}
function vpStream(req, res) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.write('retry: 3000\n\n');
  const start = Date.now();
  const timer = setInterval(() => {
    vpGeneration++;
    res.write(`id: ${start}-${vpGeneration}\nevent: volume-profile\ndata: {"symbol":"SPX","mode":"raw","n":${vpGeneration}}\n\n`);
  }, VP_INTERVAL_MS);
  req.on('close', () => clearInterval(timer));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (url.pathname === '/api/models/volume_profile') { vpAnswer(url, res); return; }
  if (url.pathname === '/sse/volume-profile') { vpStream(req, res); return; }
  if (url.pathname === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok","service":"vacuum-pressure"}');
    return;
  }
  const file = (url.pathname === '/' || url.pathname === '/vacuum-pressure.html') ? 'vacuum-pressure.html' : null;
  if (!file) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(fs.readFileSync(path.join(WEB_DIR, file)));
});
server.on('upgrade', (req, socket) => {
  const url = new URL(req.url, 'http://localhost');
  const key = req.headers['sec-websocket-key'];
  if (url.pathname !== '/v1/vacuum-pressure/stream' || !key) { socket.end('HTTP/1.1 404 Not Found\r\n\r\n'); return; }
  const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.setNoDelay(true);
  stream(new Peer(socket), url).catch((e) => { log('stream failed', e); socket.destroy(); });
});
server.listen(PORT, '127.0.0.1', () => log(`listening on http://127.0.0.1:${PORT}/ (web ${WEB_DIR}, arrow ${arrow ? 'apache-arrow' : 'hand-written'})`));
if (args['exit-after-s']) setTimeout(() => process.exit(0), Number(args['exit-after-s']) * 1000).unref();
