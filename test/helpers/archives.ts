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

/** `links` adds symlink entries, [name, target]. */
export async function tarball(members: Members, gzip = false, links: [name: string, target: string][] = []): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of members) pack.entry({ name }, Buffer.from(body));
  for (const [name, linkname] of links) pack.entry({ name, type: 'symlink', linkname });
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return gzip ? gzipSync(raw) : raw;
}
