// The content pack (rules/, kb/) as the web build inlines it into the page's script.
declare module 'virtual:i2pd-doctor-content' {
  import type { ContentFile } from '../knowledge.js';
  import type { FrontMatterTable } from '../kb/front-matter.js';
  /** `frontMatter`: the articles' front matter, read at build (src/kb/front-matter.ts): the page bundles no YAML parser. */
  const content: { version: string; signatures: ContentFile[]; rules: ContentFile[]; articles: ContentFile[]; derived: ContentFile[]; frontMatter: FrontMatterTable };
  export default content;
}
