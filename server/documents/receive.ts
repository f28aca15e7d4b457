import 'server-only';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { formatFileSize, MAX_DOCUMENT_BYTES } from '@/lib/documents';
import { TooLargeError, UnsupportedMediaTypeError, UserFacingError, ValidationError } from '@/server/errors';
import { gatheredWrites, openSpool, type Spool } from './spool';

/** A multipart upload read to its end: the file in a spool, with its size, SHA-256 and first bytes. */
export type ReceivedUpload = {
  spool: Spool;
  sizeBytes: number;
  sha256: string;
  /** The first HEAD_BYTES bytes (fewer for a smaller file): what type sniffing looks at first. */
  head: Buffer;
  /** Every byte is UTF-8 and none is NUL: the file may be plain text. */
  utf8: boolean;
  /** As the client sent it; cleaned and checked by documentFileNameSchema. */
  rawFileName: string;
  fields: Record<string, string>;
};

export const HEAD_BYTES = 64 * 1024;
const FIELD_NAMES = ['expiresOn', 'supersedes'];
// Boundaries, part headers and the two small fields: a body declaring more than this beyond the
// limit cannot hold an acceptable file, and is refused before a byte of it is read.
const MULTIPART_ALLOWANCE = 64 * 1024;

export const tooLargeMessage = (what = 'The file') =>
  `${what} is larger than ${formatFileSize(MAX_DOCUMENT_BYTES)} (${MAX_DOCUMENT_BYTES.toLocaleString('en-US')} bytes), the most Accord keeps; nothing was stored. Compress it or split it, then upload again.`;

const INCOMPLETE = 'The upload ended before the whole file arrived, so nothing was stored. Send it again.';
const printable = (name: string) => name.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);

/**
 * Reads a multipart/form-data body as a stream (busboy): the `file` part goes to a spool while its
 * size, SHA-256 and UTF-8 validity are computed on the way; `expiresOn` and `supersedes` are kept
 * as text. Nothing is written to the database here. A declared Content-Length over the limit is
 * refused before reading; the bytes are counted anyway (the header may lie or be absent), and the
 * byte after the limit stops the upload with a 413.
 */
export async function receiveUpload(request: Request, limit = MAX_DOCUMENT_BYTES): Promise<ReceivedUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*(;|$)/i.test(type)) {
    throw new UnsupportedMediaTypeError('Send the file as multipart/form-data, in a field named "file".', printable(type.split(';')[0]!.trim()) || 'no Content-Type');
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit + MULTIPART_ALLOWANCE) throw new TooLargeError(tooLargeMessage('The request'));
  if (!request.body) throw new ValidationError('The request has no body: send the file as multipart/form-data in a field named "file".');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8', // browsers send the file name's UTF-8 bytes as they are
      preservePath: true, // documentFileNameSchema drops the folders, "/" and "\" alike
      // `parts` fires when that count is reached: one more than the file and its fields.
      limits: { files: 1, fields: FIELD_NAMES.length, parts: FIELD_NAMES.length + 2, fieldSize: 200, fieldNameSize: 100, headerPairs: 20, fileSize: limit + 1 },
    });
  } catch {
    throw new ValidationError('The multipart body has no boundary in its Content-Type, so it cannot be read.');
  }
  const spool = await openSpool();
  try {
    return await parse(Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>), parser, spool, limit);
  } catch (error) {
    await spool.close();
    throw error;
  }
}

function parse(source: Readable, parser: busboy.Busboy, spool: Spool, limit: number): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let file: Promise<Omit<ReceivedUpload, 'fields' | 'spool'>> | null = null;
    const fields: Record<string, string> = {};
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      parser.removeAllListeners('close');
      source.destroy(); // stop reading the body: nothing more of it is wanted
      parser.destroy(); // ends a file part still open, so its reader stops too
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      // Its errors (the body ended inside it) reach us through the reader or the parser; without a
      // listener, a part already given up on would throw them at the process.
      stream.on('error', () => {});
      if (name !== 'file' || file) {
        stream.resume();
        fail(new ValidationError(file ? 'Send one file per upload.' : `Unexpected file field "${printable(name)}": send the file in the field "file".`));
        return;
      }
      file = consume(stream, info.filename ?? '', spool, limit);
      file.catch(fail);
    });
    parser.on('field', (name, value, info) => {
      if (name === 'file') return fail(new ValidationError('The "file" field must be a file (a part with a file name), not text.', { file: ['Attach a file.'] }));
      if (!FIELD_NAMES.includes(name)) return fail(new ValidationError(`Unknown field "${printable(name)}": send "file", and optionally "expiresOn" and "supersedes".`));
      if (info.valueTruncated) return fail(new ValidationError(`The field "${name}" is too long.`, { [name]: ['Too long.'] }));
      if (name in fields) return fail(new ValidationError(`The field "${name}" was sent twice.`, { [name]: ['Sent twice.'] }));
      fields[name] = value;
    });
    parser.on('partsLimit', () => fail(new ValidationError('Too many parts in the form: send "file", and optionally "expiresOn" and "supersedes".')));
    parser.on('filesLimit', () => fail(new ValidationError('Send one file per upload.')));
    parser.on('fieldsLimit', () => fail(new ValidationError('Too many fields: send "file", and optionally "expiresOn" and "supersedes".')));
    parser.on('error', (error: Error) => fail(/end of form|Unexpected end/i.test(error.message) ? new ValidationError(INCOMPLETE) : new ValidationError(`The multipart body could not be read (${error.message}); nothing was stored.`)));
    source.on('error', () => fail(new ValidationError(INCOMPLETE)));
    parser.on('close', () => {
      if (settled) return;
      if (!file) return fail(new ValidationError('Send the file in a field named "file".', { file: ['Attach a file.'] }));
      file.then((received) => {
        if (settled) return;
        settled = true;
        resolve({ ...received, spool, fields });
      }, fail);
    });
    source.pipe(parser);
  });
}

async function consume(stream: Readable & { truncated?: boolean }, rawFileName: string, spool: Spool, limit: number) {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let sizeBytes = 0;
  const text = new Utf8Check();
  const spooled = gatheredWrites(spool);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      sizeBytes += chunk.length;
      if (sizeBytes > limit) throw new TooLargeError(tooLargeMessage());
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - headBytes)); // a copy: busboy may reuse its buffer
        head.push(part);
        headBytes += part.length;
      }
      text.push(chunk);
      await spooled.write(chunk);
    }
    await spooled.flush();
  } catch (error) {
    // The part ended without its boundary (the client went away, the body was cut): a 4xx, not a bug.
    if (!(error instanceof UserFacingError) && stream.errored) throw new ValidationError(INCOMPLETE);
    throw error;
  }
  if (stream.truncated) throw new TooLargeError(tooLargeMessage());
  return { sizeBytes, sha256: hash.digest('hex'), head: Buffer.concat(head), utf8: text.end(), rawFileName };
}

/** Streaming check that every byte so far is UTF-8 and none is NUL; gives up at the first bad byte. */
class Utf8Check {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;
  push(chunk: Uint8Array) {
    if (!this.ok) return;
    if (chunk.includes(0)) this.ok = false;
    else this.attempt(() => this.decoder.decode(chunk, { stream: true }));
  }
  end(): boolean {
    if (this.ok) this.attempt(() => this.decoder.decode());
    return this.ok;
  }
  private attempt(decode: () => unknown) {
    try {
      decode();
    } catch {
      this.ok = false;
    }
  }
}
