// Knowledge-base articles: markdown with YAML front matter, split into the sections a report
// quotes (Cause, Fix…). Parsing is pure, so the browser page uses it too; the front matter's YAML
// is read by the reader it is given (src/kb/front-matter.ts says why).
import { splitFrontMatter, type FrontMatterReader } from './front-matter.js';

export const REQUIRED_SECTIONS = ['Symptoms', 'Cause', 'Fix', 'Verify', 'References'] as const;

export interface Article {
  id: string;
  title: string;
  meta: Record<string, unknown>;
  /** The markdown after the front matter. */
  body: string;
  /** Level-2 sections by heading, each with its markdown (sub-sections included). */
  sections: Record<string, string>;
  file?: string;
}

export function parseArticle(text: string, readFrontMatter: FrontMatterReader, file?: string): Article {
  const { yaml, body } = splitFrontMatter(text);
  let meta: Record<string, unknown> = {};
  if (yaml !== undefined) {
    try {
      const parsed = readFrontMatter(yaml);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Record<string, unknown>;
    } catch (e) {
      throw new Error(`${file ?? 'article'}: front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const sections: Record<string, string> = {};
  let current: string | undefined;
  let buf: string[] = [];
  let fence = false;
  const close = () => {
    if (current !== undefined) sections[current] = buf.join('\n').trim();
  };
  for (const line of body.split('\n')) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const h = !fence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h && !line.startsWith('###')) {
      close();
      current = h[1];
      buf = [];
    } else if (current !== undefined) buf.push(line);
  }
  close();
  const id = typeof meta.id === 'string' ? meta.id : (file?.replace(/^.*[\\/]/, '').replace(/\.md$/, '') ?? '');
  const title = typeof meta.title === 'string' ? meta.title : (/^#\s+(.+)$/m.exec(body)?.[1] ?? id);
  return { id, title, meta, body, sections, file };
}

/** Missing required sections, for lint and tests. */
export function missingSections(a: Article): string[] {
  return REQUIRED_SECTIONS.filter((s) => !a.sections[s] || a.sections[s].trim() === '');
}
