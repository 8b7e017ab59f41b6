// Minimal Arrow IPC stream writer for the fixed 20-column vacuum/pressure grid schema (spec §11.3).
// Written independently of the page's reader so the two can check each other; apache-arrow (optional,
// see README.md) checks both against the reference implementation.
//
// Layout per message: 0xFFFFFFFF | int32 metadataSize | flatbuffer Message (padded) | body.
// Stream: Schema message, one RecordBatch message, EOS (0xFFFFFFFF 0x00000000).

export const FIELDS = ['k', 'pressure_variant', 'vacuum_variant', 'add_mass', 'pull_mass', 'fill_mass',
  'rest_depth', 'v_add', 'v_pull', 'v_fill', 'v_rest_depth', 'a_add', 'a_pull', 'a_fill', 'a_rest_depth',
  'j_add', 'j_pull', 'j_fill', 'j_rest_depth', 'last_event_id'];

export function fieldType(name) {
  return name === 'k' ? 'int32' : name === 'last_event_id' ? 'int64' : 'float64';
}

// Forward-only flatbuffer writer: a table's vtable is written just before it, children after it, so every
// uoffset points forward and every vtable soffset is positive.
class Fb {
  constructor() { this.buf = Buffer.alloc(1024); this.len = 0; }
  ensure(n) {
    if (this.len + n <= this.buf.length) return;
    const b = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(b, 0, 0, this.len);
    this.buf = b;
  }
  align(a, mod = 0) { while ((this.len - mod) % a !== 0) { this.ensure(1); this.buf[this.len++] = 0; } }
  u8(v) { this.ensure(1); this.buf.writeUInt8(v, this.len); this.len += 1; }
  u16(v) { this.ensure(2); this.buf.writeUInt16LE(v, this.len); this.len += 2; }
  i32(v) { this.ensure(4); this.buf.writeInt32LE(v, this.len); this.len += 4; }
  i64(v) { this.ensure(8); this.buf.writeBigInt64LE(BigInt(v), this.len); this.len += 8; }
  patchRef(at, target) { this.buf.writeUInt32LE(target - at, at); }

  // fields: [{slot, type: 'u8'|'bool'|'i16'|'i32'|'i64'|'ref', value}] ; ref value = () => position
  table(fields) {
    const sizes = { u8: 1, bool: 1, i16: 2, i32: 4, i64: 8, ref: 4 };
    const laid = [];
    let off = 4;
    for (const f of [...fields].sort((a, b) => sizes[b.type] - sizes[a.type])) {
      const s = sizes[f.type];
      off = Math.ceil(off / s) * s;
      laid.push({ ...f, off });
      off += s;
    }
    const tableSize = Math.ceil(off / 4) * 4;
    const maxSlot = fields.reduce((m, f) => Math.max(m, f.slot), -1);
    const vtSize = 4 + 2 * (maxSlot + 1);
    // vtable, then the table start aligned to 8 (for int64 fields)
    while (((this.len + vtSize) % 8) !== 0) this.u8(0);
    const vt = this.len;
    this.u16(vtSize); this.u16(tableSize);
    for (let i = 0; i <= maxSlot; i++) { const f = laid.find((x) => x.slot === i); this.u16(f ? f.off : 0); }
    const t = this.len;
    this.ensure(tableSize);
    this.buf.fill(0, t, t + tableSize);
    this.len = t + tableSize;
    this.buf.writeInt32LE(t - vt, t);
    const refs = [];
    for (const f of laid) {
      const p = t + f.off;
      if (f.type === 'u8' || f.type === 'bool') this.buf.writeUInt8(Number(f.value), p);
      else if (f.type === 'i16') this.buf.writeInt16LE(f.value, p);
      else if (f.type === 'i32') this.buf.writeInt32LE(f.value, p);
      else if (f.type === 'i64') this.buf.writeBigInt64LE(BigInt(f.value), p);
      else refs.push({ p, write: f.value });
    }
    for (const r of refs) this.patchRef(r.p, r.write());
    return t;
  }
  string(s) {
    const b = Buffer.from(s, 'utf8');
    this.align(4);
    const p = this.len;
    this.i32(b.length);
    this.ensure(b.length + 1); b.copy(this.buf, this.len); this.len += b.length; this.u8(0);
    return p;
  }
  structVec(items, writeItem) { // 16-byte structs: element 0 must be 8-aligned
    this.align(8, 4);
    const p = this.len;
    this.i32(items.length);
    for (const it of items) writeItem(it);
    return p;
  }
  tableVec(writers) {
    this.align(4);
    const p = this.len;
    this.i32(writers.length);
    const slots = writers.map(() => { const s = this.len; this.i32(0); return s; });
    writers.forEach((w, i) => this.patchRef(slots[i], w()));
    return p;
  }
  finish(rootWriter) {
    this.i32(0);
    this.patchRef(0, rootWriter());
    return this.buf.subarray(0, this.len);
  }
}

function typeTable(fb, name) {
  const t = fieldType(name);
  if (t === 'float64') return { id: 3, write: () => fb.table([{ slot: 0, type: 'i16', value: 2 }]) };
  return {
    id: 2,
    write: () => fb.table([{ slot: 0, type: 'i32', value: t === 'int32' ? 32 : 64 }, { slot: 1, type: 'bool', value: 1 }])
  };
}

function message(headerType, writeHeader, bodyLength) {
  const fb = new Fb();
  return fb.finish(() => fb.table([
    { slot: 0, type: 'i16', value: 4 },           // MetadataVersion.V5
    { slot: 1, type: 'u8', value: headerType },
    { slot: 2, type: 'ref', value: () => writeHeader(fb) },
    { slot: 3, type: 'i64', value: bodyLength }
  ]));
}

function schemaMessage(fields) {
  return message(1, (fb) => fb.table([
    { slot: 1, type: 'ref', value: () => fb.tableVec(fields.map((name) => () => {
      const ty = typeTable(fb, name);
      return fb.table([
        { slot: 0, type: 'ref', value: () => fb.string(name) },
        { slot: 1, type: 'bool', value: 1 },
        { slot: 2, type: 'u8', value: ty.id },
        { slot: 3, type: 'ref', value: ty.write },
        { slot: 5, type: 'ref', value: () => fb.tableVec([]) }
      ]);
    })) }
  ]), 0);
}

const pad8 = (n) => Math.ceil(n / 8) * 8;

// columns: {name: TypedArray}; options.validity: write an all-valid bitmap instead of a 0-length buffer;
// options.misalign: pad metadata to 4 only, so the body (and every value buffer) starts 4 bytes off 8.
export function encodeGridStream(columns, options = {}) {
  const fields = options.fields || FIELDS;
  const rows = columns[fields[0]].length;
  const nodes = [], buffers = [], parts = [];
  let bodyLen = 0;
  const push = (bytes) => {
    const off = bodyLen, len = bytes.length;
    parts.push(bytes);
    const padded = pad8(len);
    if (padded > len) parts.push(Buffer.alloc(padded - len));
    bodyLen += padded;
    buffers.push([off, len]);
  };
  for (const name of fields) {
    const col = columns[name];
    nodes.push([rows, options.nullCount || 0]);
    if (options.validity) push(Buffer.alloc(Math.ceil(rows / 8), 0xff));
    else buffers.push([bodyLen, 0]);
    push(Buffer.from(col.buffer, col.byteOffset, col.byteLength));
  }
  const batch = message(3, (fb) => fb.table([
    { slot: 0, type: 'i64', value: rows },
    { slot: 1, type: 'ref', value: () => fb.structVec(nodes, ([l, n]) => { fb.i64(l); fb.i64(n); }) },
    { slot: 2, type: 'ref', value: () => fb.structVec(buffers, ([o, l]) => { fb.i64(o); fb.i64(l); }) }
  ]), bodyLen);
  const frame = (meta, body) => {
    const metaLen = options.misalign ? Math.ceil((meta.length + 4) / 8) * 8 - 4 : pad8(meta.length);
    const head = Buffer.alloc(8 + metaLen);
    head.writeUInt32LE(0xffffffff, 0);
    head.writeInt32LE(metaLen, 4);
    meta.copy(head, 8);
    return body ? [head, ...body] : [head];
  };
  const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  return Buffer.concat([...frame(schemaMessage(fields)), ...frame(batch, parts), eos]);
}

// Optional: the reference writer. arrowDir is a node_modules folder holding apache-arrow.
export async function loadApacheArrow(arrowDir) {
  const { createRequire } = await import('node:module');
  const req = createRequire(arrowDir.replace(/\/?$/, '/') + 'x.js');
  return req('apache-arrow');
}

export function encodeGridStreamApache(arrow, columns) {
  const vectors = {};
  for (const name of FIELDS) vectors[name] = arrow.makeVector(columns[name]);
  return Buffer.from(arrow.tableToIPC(new arrow.Table(vectors), 'stream'));
}
