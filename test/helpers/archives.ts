// Builds archives in memory for tests: zip with yazl, tar with tar-stream, gzip with zlib.
import tar from 'tar-stream';
import yazl from 'yazl';
import { gzipSync } from 'node:zlib';

export type Members = [name: string, body: string | Buffer][];

export async function zip(members: Members): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, body] of members) z.addBuffer(Buffer.from(body), name);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function tarball(members: Members, gzip = false): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of members) pack.entry({ name }, Buffer.from(body));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return gzip ? gzipSync(raw) : raw;
}
