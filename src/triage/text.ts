// What a reporter pasted into an issue, as the case reads it. The line parser already reads the
// markdown of a paste (fences, quotes, list markers); what GitHub adds on top is HTML — folded
// <details> blocks, <pre>, the hints of an issue template in <!-- comments --> — which is
// blanked here line for line, so evidence line numbers still point into the text.
// Linked attachments are found here too; the files themselves are read at the edge.
import { isFence } from '../parse/clean.js';

const SUMMARY = /<summary\b[^>]*>.*?<\/summary>/gi;
// Tags GitHub renders around pasted text; never part of an i2pd message outside a fence.
const TAGS = /<\/?(?:details|summary|p|br|pre|code|div|hr|sub|sup|b|strong|i|em|kbd|samp|tt|span|blockquote)\b[^>]*>/gi;

export function pastedText(md: string): string {
  const eol = /\r\n/.test(md) ? '\r\n' : '\n';
  const lines = md.split(/\r\n|\n|\r/);
  let fence = false;
  let comment = false;
  for (let i = 0; i < lines.length; i++) {
    let s = lines[i];
    if (fence) {
      if (isFence(s)) fence = false;
      continue;
    }
    let out = '';
    while (s.length) {
      if (comment) {
        const end = s.indexOf('-->');
        if (end < 0) s = '';
        else {
          s = s.slice(end + 3);
          comment = false;
        }
        continue;
      }
      const start = s.indexOf('<!--');
      if (start < 0) {
        out += s;
        break;
      }
      out += s.slice(0, start);
      s = s.slice(start + 4);
      comment = true;
    }
    if (!comment && out === lines[i] && isFence(out)) {
      fence = true;
      continue;
    }
    const bare = out.replace(SUMMARY, '').replace(TAGS, '');
    lines[i] = bare !== out && bare.trim() === '' ? '' : bare;
  }
  return lines.join(eol);
}

export interface Attachment {
  url: string;
  /** The file name as uploaded, never a path (separators are replaced). */
  name: string;
  /** `<id>-<name>` with only safe characters: where a copy is looked for, or saved. */
  file: string;
}

/** Files GitHub accepts as attachments that the readers open: logs, text, archives. */
const EXTENSIONS = /\.(?:log|txt|zip|gz|tgz|tar)$/i;

/**
 * Links to files attached to the issue: `<server>/user-attachments/files/<id>/<name>`, or the
 * older `<server>/<owner>/<repo>/files/<id>/<name>`. Links elsewhere are not attachments.
 */
export function attachmentLinks(md: string, server = 'https://github.com'): Attachment[] {
  const base = server.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`${base}/(?:user-attachments|[\\w.-]+/[\\w.-]+)/files/(\\d+)/([^/\\s)\\]"'<>]+)(?=[\\s)\\]"'<>]|$)`, 'g');
  const out: Attachment[] = [];
  for (const m of md.matchAll(re)) {
    let name: string;
    try {
      name = decodeURIComponent(m[2]);
    } catch {
      name = m[2];
    }
    // An encoded separator (..%2F) would make the name a path out of the attachments folder.
    name = name.replace(/[/\\]/g, '_');
    if (!EXTENSIONS.test(name) || out.some((a) => a.url === m[0])) continue;
    const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(-100);
    out.push({ url: m[0], name, file: `${m[1]}-${safe}` });
  }
  return out;
}
