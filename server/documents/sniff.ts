import 'server-only';
import { fileTypeFromBuffer, fileTypeFromStream, type FileTypeResult } from 'file-type';
import { ACCEPTED_DOCUMENTS } from '@/lib/documents';
import { UnsupportedMediaTypeError, ValidationError } from '@/server/errors';
import { legacyOfficeType } from './cfb';
import type { Spool } from './spool';

/**
 * The type of an upload, from its bytes only (issue 15): `file-type` reads the magic numbers; a
 * ZIP is read through to tell Office Open XML and OpenDocument from any other archive; a Compound
 * File is opened to tell .doc/.xls/.ppt from an installer (cfb.ts). Bytes with no known signature
 * are text when they are UTF-8 without NUL and do not open like markup. The name is never asked.
 */
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  apng: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  tif: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  odg: 'application/vnd.oasis.opendocument.graphics',
};

// What a refused type is called in the 415 message (anything else: its MIME type and extension).
const REFUSED_WORDS: Record<string, string> = {
  exe: 'a Windows program (MZ header)',
  elf: 'a Linux program (ELF)',
  macho: 'a macOS program (Mach-O)',
  class: 'a Java class file',
  wasm: 'a WebAssembly program',
  lnk: 'a Windows shortcut',
  zip: 'a ZIP archive that is not an Office or OpenDocument file',
  jar: 'a Java archive (JAR)',
  apk: 'an Android app (APK)',
  xpi: 'a browser extension',
  crx: 'a browser extension',
  docm: 'a macro-enabled Word document (save it as .docx)',
  xlsm: 'a macro-enabled Excel workbook (save it as .xlsx)',
  pptm: 'a macro-enabled PowerPoint presentation (save it as .pptx)',
  xml: 'XML markup',
  rtf: 'a Rich Text file (save it as PDF or .docx)',
};
const ARCHIVES = new Set(['tar', 'rar', 'gz', 'bz2', '7z', 'xz', 'zst', 'lz', 'lz4', 'lzh', 'cab', 'dmg', 'deb', 'rpm', 'ar', 'cpio', 'arj', 'ace', 'Z', 'tar.gz', 'asar']);

export type SniffInput = { head: Buffer; spool: Spool; sizeBytes: number; utf8: boolean; fileName: string };

export async function sniffDocumentType(file: SniffInput): Promise<string> {
  if (file.sizeBytes === 0) throw new ValidationError('The file is empty (0 bytes); nothing was stored.', { file: ['The file is empty.'] });
  let found = await fileTypeFromBuffer(file.head);
  // Office and OpenDocument files are ZIPs; which one (or neither) is known only past the first bytes.
  if (found?.ext === 'zip' && file.sizeBytes > file.head.length) found = (await readThrough(file.spool)) ?? found;
  if (found?.ext === 'cfb') {
    const legacy = await legacyOfficeType(file.spool);
    if ('refused' in legacy) throw refuse(legacy.refused, found.mime);
    return legacy.contentType;
  }
  if (found?.ext === 'heic') return found.mime; // image/heic, image/heif and their sequences
  if (found && ALLOWED[found.ext]) return ALLOWED[found.ext]!;
  if (found) throw refuse(describe(found), found.mime);
  if (!file.utf8) throw refuse('binary data of a kind Accord does not recognise (text must be UTF-8)', 'application/octet-stream');
  const markup = markupAtStart(file.head);
  if (markup) throw refuse(markup, 'text/html');
  if (/\.(csv|tsv)$/i.test(file.fileName)) return 'text/csv';
  return 'text/plain';
}

async function readThrough(spool: Spool): Promise<FileTypeResult | undefined> {
  const stream = spool.stream();
  try {
    return await fileTypeFromStream(stream);
  } finally {
    await stream.cancel().catch(() => {}); // detection may stop before the end; the reader may hold a lock
  }
}

function describe(found: FileTypeResult): string {
  if (REFUSED_WORDS[found.ext]) return REFUSED_WORDS[found.ext]!;
  if (ARCHIVES.has(found.ext)) return `an archive (${found.ext})`;
  return `${found.mime} (.${found.ext})`;
}

function refuse(what: string, found: string) {
  return new UnsupportedMediaTypeError(`This file is ${what}, which Accord does not accept. Accepted: ${ACCEPTED_DOCUMENTS}.`, found);
}

// The WHATWG MIME Sniffing Standard's signatures of HTML (§7.1, "rules for identifying an unknown
// MIME type"), each followed by a space or ">" there, plus SVG, XML and a script's "#!": text a
// browser or a shell might run. Checked after a byte-order mark and leading white space, ignoring case.
// https://mimesniff.spec.whatwg.org/#identifying-a-resource-with-an-unknown-mime-type
const HTML_TAGS = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p', '!--'];

export function markupAtStart(head: Buffer): string | null {
  const text = head.subarray(0, 1024).toString('utf8').replace(/^\ufeff/, '').replace(/^[\t\n\f\r ]+/, '').toLowerCase();
  if (text.startsWith('#!')) return 'a script (it starts with "#!")';
  if (text.startsWith('<?xml')) return 'XML markup';
  if (/^<svg[\s>/]/.test(text)) return 'an SVG image (it can carry scripts)';
  for (const tag of HTML_TAGS) {
    if (text.startsWith(`<${tag}`) && /^[\s>]/.test(text.slice(tag.length + 1) || '>')) return 'HTML';
  }
  return null;
}
