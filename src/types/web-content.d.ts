// The content pack (rules/, kb/) as the web build inlines it into the page's script.
declare module 'virtual:i2pd-doctor-content' {
  import type { ContentFile } from '../knowledge.js';
  const content: { version: string; signatures: ContentFile[]; rules: ContentFile[]; articles: ContentFile[]; derived: ContentFile[] };
  export default content;
}
