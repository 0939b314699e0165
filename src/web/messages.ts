// What the page and its analyser say to each other, through a Worker or, when no worker can
// start, a MessageChannel on the page itself. Everything here is structured-cloneable: Files go
// as they are, the report comes back as plain data.
import type { Article } from '../kb/article.js';
import type { CaseReport } from '../report/report-model.js';

/** One case as the page holds it: the pasted text and the chosen files. */
export interface CaseInput {
  name: string;
  text: string;
  files: File[];
}

export type Request =
  | { kind: 'analyse'; id: number; input: CaseInput; redact: boolean }
  | { kind: 'cancel'; id: number };

/** What the page shows about the bundled content, sent once the analyser has compiled it. */
export interface ContentSummary {
  version: string;
  rules: number;
  articles: Map<string, Article>;
  problems: string[];
}

export type Reply =
  | ({ kind: 'ready' } & ContentSummary)
  | { kind: 'progress'; id: number; read: number; total: number }
  | { kind: 'report'; id: number; report: CaseReport }
  | { kind: 'cancelled'; id: number }
  | { kind: 'failed'; id: number; message: string };

/** The side of a Worker or MessagePort each end uses. */
export interface Port {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
