/**
 * Streaming reader for OSM XML (.osm, optionally .osm.gz). A hand-written tokenizer rather than a DOM:
 * planet-style files are far larger than memory, so only the element being read is kept.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { PrimitiveHandler, Tags } from './pbf.js';

export class OsmXmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

const ATTR_RE = /([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR_RE.exec(s)) !== null) out[m[1]] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

/** Index of the '>' closing a tag that starts at `start`, skipping quoted attribute values; -1 if not in `s` yet. */
function findTagEnd(s: string, start: number): number {
  let q = 0; // 0 or the char code of the open quote
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (q) {
      if (c === q) q = 0;
    } else if (c === 34 || c === 39) q = c;
    else if (c === 62) return i;
  }
  return -1;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  let i = s.indexOf('\n', from);
  while (i >= 0 && i < to) {
    n++;
    i = s.indexOf('\n', i + 1);
  }
  return n;
}

interface Current {
  kind: 'node' | 'way' | 'relation';
  id: number;
  lon: number;
  lat: number;
  tags: Tags | null;
  refs: number[];
  line: number;
}

export interface XmlSummary {
  nodes: number;
  ways: number;
  relations: number;
}

export async function readOsmXml(
  file: string,
  h: PrimitiveHandler,
  onBytes?: (pos: number, total: number) => void,
): Promise<XmlSummary> {
  const total = (await stat(file)).size;
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  raw.on('data', (c) => {
    bytes += c.length;
  });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const dec = new StringDecoder('utf8');
  const summary: XmlSummary = { nodes: 0, ways: 0, relations: 0 };
  let buf = '';
  let line = 1;
  let cur: Current | null = null;
  let sawOsmRoot = false;

  const err = (ln: number, msg: string): never => {
    throw new OsmXmlError(`${file}:${ln}: ${msg}`);
  };

  const num = (attrs: Record<string, string>, k: string, ln: number, what: string): number => {
    const v = attrs[k];
    if (v === undefined) err(ln, `${what} without ${k}`);
    const n = Number(v);
    if (!Number.isFinite(n)) err(ln, `${what} has non-numeric ${k}="${v}"`);
    return n;
  };

  const emit = (c: Current): void => {
    if (c.kind === 'node') {
      summary.nodes++;
      if (h.wantNodes) h.node?.(c.id, c.lon, c.lat, h.wantNodeTags ? c.tags : null);
    } else if (c.kind === 'way') {
      summary.ways++;
      if (h.wantWays) h.way?.(c.id, c.refs, c.tags ?? {});
    } else {
      summary.relations++;
      h.relation?.(c.id, c.tags ?? {});
    }
  };

  const element = (text: string, ln: number): void => {
    // text is the inside of <...>
    if (text[0] === '/') {
      const name = text.slice(1).trim();
      if (cur && name === cur.kind) {
        emit(cur);
        cur = null;
      }
      return;
    }
    const selfClosing = text[text.length - 1] === '/';
    const body = selfClosing ? text.slice(0, -1) : text;
    let nameEnd = 0;
    while (nameEnd < body.length && !/[\s/]/.test(body[nameEnd])) nameEnd++;
    const name = body.slice(0, nameEnd);
    switch (name) {
      case 'osm':
      case 'osmChange':
        sawOsmRoot = true;
        return;
      case 'node': {
        const a = parseAttrs(body.slice(nameEnd));
        if (a.action === 'delete' || a.visible === 'false') return;
        const c: Current = {
          kind: 'node',
          id: num(a, 'id', ln, 'node'),
          lat: num(a, 'lat', ln, 'node'),
          lon: num(a, 'lon', ln, 'node'),
          tags: null,
          refs: [],
          line: ln,
        };
        if (c.lat < -90 || c.lat > 90 || c.lon < -180 || c.lon > 180) err(ln, `node ${c.id} has coordinates out of range`);
        if (selfClosing) emit(c);
        else cur = c;
        return;
      }
      case 'way':
      case 'relation': {
        const a = parseAttrs(body.slice(nameEnd));
        if (a.action === 'delete' || a.visible === 'false') return;
        const c: Current = { kind: name, id: num(a, 'id', ln, name), lat: 0, lon: 0, tags: null, refs: [], line: ln };
        if (selfClosing) emit(c);
        else cur = c;
        return;
      }
      case 'nd': {
        if (!cur || cur.kind !== 'way') err(ln, '<nd> outside a <way>');
        const a = parseAttrs(body.slice(nameEnd));
        cur!.refs.push(num(a, 'ref', ln, 'nd'));
        return;
      }
      case 'tag': {
        if (!cur) return; // tags on changesets etc.
        const a = parseAttrs(body.slice(nameEnd));
        if (a.k === undefined || a.v === undefined) err(ln, '<tag> without k or v');
        (cur.tags ??= {})[a.k] = a.v;
        return;
      }
      default:
        return;
    }
  };

  const consume = (final: boolean): void => {
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        line += countNewlines(buf, pos, buf.length);
        pos = buf.length;
        break;
      }
      line += countNewlines(buf, pos, lt);
      let end: number;
      let inner: string | null = null;
      if (buf.startsWith('<!--', lt)) {
        const e = buf.indexOf('-->', lt + 4);
        end = e < 0 ? -1 : e + 2;
      } else if (buf.startsWith('<![CDATA[', lt)) {
        const e = buf.indexOf(']]>', lt + 9);
        end = e < 0 ? -1 : e + 2;
      } else if (buf.startsWith('<?', lt)) {
        const e = buf.indexOf('?>', lt + 2);
        end = e < 0 ? -1 : e + 1;
      } else if (buf.startsWith('<!', lt)) {
        end = buf.indexOf('>', lt);
      } else {
        end = findTagEnd(buf, lt);
        if (end >= 0) inner = buf.slice(lt + 1, end);
      }
      if (end < 0) {
        if (final) err(line, 'unterminated markup at end of file (truncated?)');
        pos = lt;
        break;
      }
      if (inner !== null) element(inner, line);
      line += countNewlines(buf, lt, end);
      pos = end + 1;
    }
    buf = buf.slice(pos);
  };

  try {
    for await (const chunk of input) {
      buf += dec.write(chunk as Buffer);
      consume(false);
      onBytes?.(bytes, total);
    }
  } catch (e) {
    if (e instanceof OsmXmlError) throw e;
    throw new OsmXmlError(`${file}:${line}: cannot read OSM XML: ${(e as Error).message}`);
  }
  buf += dec.end();
  consume(true);
  if (cur) err((cur as Current).line, `<${(cur as Current).kind}> is never closed (truncated file?)`);
  if (!sawOsmRoot) err(1, 'not an OSM XML file (no <osm> root element)');
  return summary;
}
