// Test helper process: uploads a large PDF to the checkpoint named on the command line and says
// "writing" once the third chunk is written inside the transaction. The test kills it there.
import { userActor } from '@/server/auth/actor';
import { createDatabase, installDatabase } from '@/server/db/client';
import { uploadDocumentResponse } from '@/server/documents/upload';

async function main() {
  const [engine, target, schema, checkpointId, userId, sizeArg] = process.argv.slice(2);
  const handle = engine === 'pglite'
    ? createDatabase({ engine: 'pglite', dataDir: target! })
    : createDatabase({ engine: 'postgresql', connectionString: target!, schema: schema || null });
  installDatabase(handle);
  const user = await handle.db.user.findUniqueOrThrow({ where: { id: userId! } });
  const bytes = Buffer.alloc(Number(sizeArg), 0x61);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'crash.pdf');
  form.append('expiresOn', '2030-01-01');
  const request = new Request('http://accord.test/upload', { method: 'POST', body: form });
  const response = await uploadDocumentResponse(userActor(user), { checkpointId: checkpointId! }, request, (seq) => {
    if (seq === 2) process.stdout.write('writing\n');
  });
  const body = (await response.json()) as { id?: string; error?: string };
  process.stdout.write(response.status === 201 ? `committed ${body.id}\n` : `failed ${response.status} ${body.error}\n`);
  await handle.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
