// The JSON files triage reads (event payloads, gh's output, indexes): an error names the file
// and says what to give instead.
import { readFileSync } from 'node:fs';
import { InputError } from '../triage/json-reader.js';

export function readJson(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file === '-' ? 'stdin' : file}: not valid JSON (${(e as Error).message}); give the event payload, or what \`gh issue view N --json title,body,comments,labels\` prints`);
  }
}
