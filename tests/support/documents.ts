import { crc32 } from 'node:zlib';
import * as checkpointUpload from '@/app/api/v1/checkpoints/[id]/documents/route';
import * as documentContent from '@/app/api/v1/documents/[id]/content/route';
import * as documentMeta from '@/app/api/v1/documents/[id]/route';
import * as partnershipUpload from '@/app/api/v1/partnerships/[slug]/documents/route';

/**
 * Real files of each kind, built byte by byte (no fixtures on disk), and the upload and download
 * routes called with real Request objects, as the app's clients call them.
 */
export const BASE = 'http://accord.test';

export function uploadRequest(path: string, token: string, file: Blob | null, fileName: string, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  if (file) form.append('file', file, fileName);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new Request(`${BASE}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

export async function uploadToCheckpoint(token: string, checkpointId: string, bytes: Uint8Array | Blob, fileName: string, fields: Record<string, string> = {}) {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const response = await checkpointUpload.POST(uploadRequest(`/api/v1/checkpoints/${checkpointId}/documents`, token, blob, fileName, fields), { params: Promise.resolve({ id: checkpointId }) });
  return { response, body: (await response.json()) as Record<string, unknown> & { id: string; error?: string } };
}

export async function uploadToPartnership(token: string, slug: string, bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}) {
  const response = await partnershipUpload.POST(uploadRequest(`/api/v1/partnerships/${slug}/documents`, token, new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName, fields), { params: Promise.resolve({ slug }) });
  return { response, body: (await response.json()) as Record<string, unknown> & { id: string; error?: string } };
}

export function getMetadata(token: string, id: string) {
  return documentMeta.GET(new Request(`${BASE}/api/v1/documents/${id}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
}

export function getContent(token: string, id: string) {
  return documentContent.GET(new Request(`${BASE}/api/v1/documents/${id}/content`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
}

export const enc = (text: string) => new TextEncoder().encode(text);

/** Bytes that compress badly and cover every byte value, like a scan or a PDF's streams. */
export function noise(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function pdf(size = 2048, seed = 7): Uint8Array {
  const head = enc('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\nstream\n');
  const tail = enc('\nendstream\n%%EOF\n');
  const out = new Uint8Array(Math.max(size, head.length + tail.length));
  out.set(head);
  out.set(noise(out.length - head.length - tail.length, seed), head.length);
  out.set(tail, out.length - tail.length);
  return out;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function png(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', noise(64)), pngChunk('IEND', new Uint8Array())]);
}

export const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), enc('JFIF\0'), noise(500), Buffer.from([0xff, 0xd9])]);

/** A Windows program: "MZ", a DOS stub and a PE header, as any .exe starts. */
export function exe(): Uint8Array {
  const out = Buffer.alloc(1024);
  out.write('MZ', 0, 'latin1');
  out.writeUInt32LE(0x80, 0x3c);
  out.write('PE\0\0', 0x80, 'latin1');
  return out;
}

/** A ZIP with stored (uncompressed) entries, in order: enough for an Office or OpenDocument file. */
export function zip(entries: [name: string, content: string | Uint8Array][]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${main}.main+xml"/></Types>`;

export const docx = (padding = 0) =>
  zip([['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document')], ['word/document.xml', `<w:document>${'x'.repeat(padding)}</w:document>`]]);
export const docm = () => zip([['[Content_Types].xml', contentTypes('application/vnd.ms-word.document.macroEnabled')], ['word/vbaProject.bin', noise(200)]]);
export const odt = () => zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]);
/** An archive whose Office part comes only after 100 KB: found by reading past the first bytes. */
export const lateDocx = () =>
  zip([['media/scan.bin', noise(100_000)], ['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document')], ['word/document.xml', '<w:document/>']]);
export const plainZip = () => zip([['notes.txt', 'just an archive'], ['more.txt', noise(300)]]);

/** A Compound File ([MS-CFB], 512-byte sectors) whose directory holds these streams. */
export function compoundFile(streams: string[]): Uint8Array {
  const sector = 512;
  const out = Buffer.alloc(sector * 3, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(out, 0);
  out.writeUInt16LE(0x3e, 0x18);
  out.writeUInt16LE(3, 0x1a);
  out.writeUInt16LE(0xfffe, 0x1c);
  out.writeUInt16LE(9, 0x1e);
  out.writeUInt16LE(6, 0x20);
  out.writeUInt32LE(1, 0x2c); // one FAT sector
  out.writeUInt32LE(1, 0x30); // directory at sector 1
  out.writeUInt32LE(4096, 0x38);
  out.writeUInt32LE(0xfffffffe, 0x3c);
  out.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i += 1) out.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = sector; // sector 0
  for (let i = 0; i < 128; i += 1) out.writeUInt32LE(0xffffffff, fat + i * 4);
  out.writeUInt32LE(0xfffffffd, fat); // sector 0 is the FAT
  out.writeUInt32LE(0xfffffffe, fat + 4); // sector 1 (directory) ends its chain
  const dir = sector * 2;
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const at = dir + i * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(out, at);
    out.writeUInt16LE(encoded.length, at + 64);
    out[at + 66] = i === 0 ? 5 : 2;
  });
  return out;
}
