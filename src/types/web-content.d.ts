// The content pack (rules/, kb/) as the web build inlines it into the page's script.
declare module 'virtual:i2pd-doctor-content' {
  import type { ContentFile } from '../knowledge.js';
  const content: { version: string; signatures: ContentFile[]; rules: ContentFile[]; articles: ContentFile[] };
  export default content;
}

// The content schemas' validators, compiled ahead of time by the web build.
declare module 'virtual:i2pd-doctor-validators' {
  import type { ValidateFunction } from 'ajv';
  const validators: Record<string, ValidateFunction>;
  export = validators;
}
