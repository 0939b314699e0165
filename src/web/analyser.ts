// The page's analyser, where its heavy work runs: in the Web Worker, or on the page when no
// worker could start. The knowledge is compiled once, when the analyser starts; cases run one
// after another, and a cancelled one stops reading at its next chunk.
import content from 'virtual:i2pd-doctor-content';
import { tableReader } from '../kb/front-matter.js';
import { buildKnowledge } from '../knowledge.js';
import { Redactor } from '../redact/redactor.js';
import type { CaseInput, Port, Reply, Request } from './messages.js';
import { pageCaseReport } from './page-case.js';

/** How often progress is sent: often enough to move smoothly, far less often than chunks come. */
const PROGRESS_EVERY_MS = 100;

/** Answers the page's requests on a port until the worker (or page) goes away. */
export function serve(port: Port): void {
  // The page reads only the bundled articles, all read at build: a miss is a build that went wrong.
  const knowledge = buildKnowledge(
    content,
    tableReader(content.frontMatter, () => {
      throw new Error('this front matter was not read when the page was built; rebuild it (npm run build:web)');
    }),
  );
  const reply = (m: Reply) => port.postMessage(m);
  const running = new Map<number, AbortController>();
  let queue = Promise.resolve();

  async function run(id: number, input: CaseInput, redact: boolean, signal: AbortSignal): Promise<void> {
    let sent = 0;
    const progress = (read: number, total: number) => {
      const now = performance.now();
      if (now - sent < PROGRESS_EVERY_MS && read < total) return;
      sent = now;
      reply({ kind: 'progress', id, read, total });
    };
    try {
      const report = signal.aborted ? undefined : await pageCaseReport(input, knowledge, { redactor: redact ? new Redactor() : undefined, signal, onBytes: progress });
      reply(report ? { kind: 'report', id, report } : { kind: 'cancelled', id });
    } catch (e) {
      reply({ kind: 'failed', id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  port.onmessage = (e: MessageEvent<Request>) => {
    const m = e.data;
    if (m.kind === 'cancel') {
      running.get(m.id)?.abort();
      return;
    }
    const ctl = new AbortController();
    running.set(m.id, ctl);
    queue = queue.then(() => run(m.id, m.input, m.redact, ctl.signal)).finally(() => running.delete(m.id));
  };
  reply({ kind: 'ready', version: content.version, rules: knowledge.rules.length, articles: knowledge.articles, problems: knowledge.problems });
}
