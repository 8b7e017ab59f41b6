#!/usr/bin/env -S node --experimental-websocket
// Headless Chromium driver over the DevTools protocol (Node 20+: run with --experimental-websocket; Node 22+
// has WebSocket built in). Opens a URL, waits in real time, prints window.__vpStats and body data-* as JSON,
// and writes a PNG screenshot. Exits non-zero if --expect-live is given and the page never drew a grid.
//
//   node --experimental-websocket shot.mjs --url http://127.0.0.1:8099/?symbol=MNQH6 --out /tmp/vp.png
//        [--wait-ms 6000] [--size 1600,900] [--dpr 1] [--expect-live] [--chromium /usr/bin/chromium]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const url = args.url || 'http://127.0.0.1:8099/?product_type=future_mbo&symbol=MNQH6';
const out = args.out || '/tmp/vp.png';
const waitMs = Number(args['wait-ms'] || 6000);
const [w, h] = (args.size || '1600,900').split(',').map(Number);
const dpr = Number(args.dpr || 1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-chromium-'));
const chrome = spawn(args.chromium || 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--hide-scrollbars', `--user-data-dir=${userDir}`, '--remote-debugging-port=0', `--window-size=${w},${h}`,
  'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
const exited = new Promise((res) => chrome.once('exit', res));
const killAll = async () => {
  try { chrome.kill('SIGKILL'); } catch (e) { /* already gone */ }
  await Promise.race([exited, sleep(3000)]);
  try { fs.rmSync(userDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }); } catch (e) { /* best effort: chromium may still be writing */ }
};
const guard = setTimeout(async () => { console.error('timeout'); await killAll(); process.exit(3); }, waitMs + 30000);

try {
  let port = null;
  for (let i = 0; i < 100 && !port; i++) {
    await sleep(100);
    const f = path.join(userDir, 'DevToolsActivePort');
    if (fs.existsSync(f)) port = Number(fs.readFileSync(f, 'utf8').split('\n')[0]) || null;
  }
  if (!port) throw new Error('chromium did not open a DevTools port');
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const page = targets.find((t) => t.type === 'page');
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
  let id = 0;
  const pending = new Map();
  const logs = [];
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); }
    if (m.method === 'Runtime.consoleAPICalled') logs.push(m.params.type + ': ' + m.params.args.map((a) => a.value).join(' '));
    if (m.method === 'Runtime.exceptionThrown') logs.push('exception: ' + JSON.stringify(m.params.exceptionDetails.exception && m.params.exceptionDetails.exception.description));
  };
  const send = (method, params = {}) => new Promise((res) => { const i = ++id; pending.set(i, res); ws.send(JSON.stringify({ id: i, method, params })); });
  await send('Runtime.enable');
  await send('Emulation.setDeviceMetricsOverride', { width: w, height: h, deviceScaleFactor: dpr, mobile: false });
  await send('Page.navigate', { url });
  await sleep(waitMs);
  const ev = await send('Runtime.evaluate', {
    expression: 'JSON.stringify({stats: window.__vpStats, body: Object.assign({}, document.body.dataset)})',
    returnByValue: true
  });
  const report = JSON.parse(ev.result.result.value);
  report.console = logs;
  console.log(JSON.stringify(report, null, 1));
  const shot = await send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(out, Buffer.from(shot.result.data, 'base64'));
  console.error(`screenshot ${out}`);
  ws.close();
  clearTimeout(guard);
  await killAll();
  if (args['expect-live'] && report.body.live !== '1') { console.error('page never went live'); process.exit(1); }
  process.exit(0);
} catch (e) {
  console.error(e);
  clearTimeout(guard);
  await killAll();
  process.exit(2);
}
