// A small HTTP server around the document routes' own handlers, for `npm run bench:documents`
// (bench/documents.ts): the same code a Next.js request reaches (apiRoute, busboy, the spool, the
// database), without needing a production build. The database comes from DATABASE_URL or
// ACCORD_DATA_DIR as for the app. Prints "ready" when listening.
import http from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import * as upload from '@/app/api/v1/checkpoints/[id]/documents/route';
import * as content from '@/app/api/v1/documents/[id]/content/route';

const port = Number(process.env.BENCH_DOCUMENTS_PORT ?? 3401);

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const uploadMatch = /^\/api\/v1\/checkpoints\/([^/]+)\/documents$/.exec(url.pathname);
    const contentMatch = /^\/api\/v1\/documents\/([^/]+)\/content$/.exec(url.pathname);
    let response: Response;
    if (req.method === 'POST' && uploadMatch) {
      const request = new Request(url, { method: 'POST', headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } as RequestInit);
      response = await upload.POST(request, { params: Promise.resolve({ id: uploadMatch[1]! }) });
    } else if (req.method === 'GET' && contentMatch) {
      response = await content.GET(new Request(url, { headers }), { params: Promise.resolve({ id: contentMatch[1]! }) });
    } else {
      response = Response.json({ error: 'Not found.' }, { status: 404 });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>).pipe(res);
    else res.end();
  } catch (error) {
    console.error(error);
    res.writeHead(500).end();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
