// Article markdown to HTML for the page: rendered with marked, then sanitised with DOMPurify so
// that even a hostile contributed article cannot add script, handlers, forms or frames.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

let hooked = false;

function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
}

function sanitize(html: string): string {
  hookLinks();
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'img', 'video', 'audio', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style', 'id', 'name'],
  });
}

export function articleHtml(md: string): string {
  // Article headings start at ###; inside a finding card they sit under an h3.
  return sanitize(marked.parse(md.replace(/^###\s/gm, '#### '), { async: false, gfm: true }));
}

/** One line of rule text (a missing fact's question) with its inline markdown. */
export function inlineHtml(md: string): string {
  return sanitize(marked.parseInline(md, { async: false, gfm: true }));
}
