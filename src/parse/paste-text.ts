// What a paste holds besides i2pd's own lines, read after a line failed to parse as one: the web
// console's text, evidence (crashes, kernel, service manager), shell transcripts, the rest of a
// wrapped entry, and the prose around it all. Never reached by a plain log's lines.
import { consoleAddressRow, consoleLine, consoleState, isAddressHeading } from './console.js';
import { classifyEvidence } from './evidence.js';
import type { HostPrefix } from './hosts.js';
import { isWordChar, looksLikeProse, quotedEntries } from './quoted.js';
import { QuickLines } from './quick-lines.js';
import { isEmptyPrompt, shellCommand } from './shell.js';
import { englishSignal } from './signal-names.js';

const MAX_CONTINUATIONS = 8;
const MAX_ENTRY_TEXT = 16 * 1024;
/** A physical line at least this long that is followed by a fragment was most likely wrapped. */
const WRAP_WIDTH = 60;

export abstract class PasteText extends QuickLines {
  /** Under the console's `Our external address:` heading, until a line that is no row of it. */
  protected addressTable = false;
  /** The command of the last shell prompt, while its output may follow. */
  protected command: string | undefined;

  /**
   * Line `n`, `raw` as pushed and `s` cleaned, when it is no i2pd line: `text` is `s` without the
   * host prefix (`host`, its format `hostFormat`, the process it names) that carried it.
   */
  protected readText(s: string, text: string, raw: string, n: number, host: HostPrefix | undefined, hostFormat: string | undefined, process: string | undefined): void {
    const st = this.stats;
    // The web console's status, in any language or old layout, reads as today's English text;
    // an old console's reason on the line under the status joins it (`Network status: Error`,
    // `Clock skew`).
    const pc = this.pending;
    const state = pc?.kind === 'console' && pc.message.startsWith('Network status') && !pc.message.includes(' - ') ? consoleState(s) : undefined;
    if (state !== undefined) {
      pc!.message += ` - ${state}`;
      pc!.text += `\n${s}`;
      st.parsed++;
      this.cls('console');
      return;
    }
    // The console's address table: its heading, then a row per address under it.
    if (isAddressHeading(text)) {
      this.flush();
      st.parsed++;
      this.cls('console');
      this.addressTable = true;
      return;
    }
    const row = this.addressTable ? consoleAddressRow(text) : undefined;
    if (row !== undefined) {
      this.flush();
      st.parsed++;
      this.cls('console');
      this.emit({ kind: 'console', source: st.name, line: n, module: '', message: row, text: text.trim(), tod: host?.tod, day: host?.day, level: host?.level });
      return;
    }
    this.addressTable = false;
    const shown = consoleLine(text);
    if (shown !== undefined) {
      this.flush();
      st.parsed++;
      this.cls('console');
      if (hostFormat) this.count(hostFormat);
      this.count('web console text');
      this.pending = { kind: 'console', source: st.name, line: n, module: '', message: shown, text: text.trim(), tod: host?.tod, day: host?.day, level: host?.level };
      this.pendingWidth = 0;
      return;
    }

    // The shell's report of a signal, in the user's language, reads as the English one.
    const signal = englishSignal(text);
    const kind = classifyEvidence(signal ?? text, process);
    if (kind) {
      this.flush();
      st.parsed++;
      this.cls(kind);
      if (hostFormat) this.count(hostFormat);
      this.count(kind === 'console' ? 'web console text' : `${kind} messages`);
      this.emit({ kind, source: st.name, line: n, module: '', message: (signal ?? text).trim(), text: text.trim(), tod: host?.tod, day: host?.day, level: host?.level });
      return;
    }

    // A shell transcript: the prompt and its command. A command whose output is one word
    // (`ulimit -n`, `sysctl -n …`, `echo $?`) reads as one entry, `ulimit -n => 1024`.
    if (!hostFormat && isEmptyPrompt(s)) {
      this.flush();
      st.parsed++;
      this.cls('shell');
      this.command = undefined;
      return;
    }
    const command = hostFormat ? undefined : shellCommand(s);
    if (command !== undefined) {
      this.flush();
      st.parsed++;
      this.cls('shell');
      this.count('shell prompt');
      this.command = command;
      this.pending = { kind: 'raw', source: st.name, line: n, module: '', message: `$ ${command}`, text: s, command };
      this.pendingWidth = 0;
      this.continuations = 0;
      return;
    }
    // The one word is joined onto its command, and read as a line of its own too (`aa-status`
    // printing a profile name is evidence alone).
    const sh = this.pending;
    let output = false;
    if (sh?.command !== undefined && sh.message === `$ ${sh.command}` && this.command === sh.command && /^\S{1,40}$/.test(s)) {
      sh.message += ` => ${s}`;
      sh.text += `\n${s}`;
      output = true;
    }

    // Log lines quoted inside prose: in backticks, after "I get:", as list items in a sentence.
    if (this.inline(text, n, host)) return;

    // A fragment may join a line held without its entry: build the entry it would have had.
    if (this.quickText !== undefined) this.pending = this.quickEntry();
    const p = this.pending;
    const wrapped = this.pendingWidth >= WRAP_WIDTH;
    // A sentence is the reporter's, not the rest of a message, unless a word was cut in two.
    const prose = looksLikeProse(s) && !(p?.kind === 'log' && wrapped && isWordChar(this.pendingLast) && isWordChar(s.charCodeAt(0)));
    if (p && p.kind === 'log' && !prose && this.continuations < MAX_CONTINUATIONS && p.text.length + text.length < MAX_ENTRY_TEXT) {
      // A fragment right after a log entry: the rest of a line the terminal wrapped, or the next
      // line of a multi-line message. Wrapped text is joined as it was; anything else with a space.
      const sep = wrapped ? '' : ' ';
      const frag = hostFormat ? text : s;
      p.message += sep + frag;
      p.text += sep + frag;
      this.pendingWidth = raw.length;
      this.pendingLast = raw.charCodeAt(raw.length - 1);
      this.continuations++;
      st.parsed++;
      this.cls('i2pd log');
      this.count('wrapped lines joined');
      return;
    }

    this.flush();
    st.unparsed++;
    if (prose) this.command = undefined;
    const known = this.emit({ kind: 'raw', source: st.name, line: n, module: '', message: text, text, tod: host?.tod, day: host?.day });
    this.cls(known === true ? 'evidence' : output ? 'shell' : prose ? 'prose' : 'unparsed');
  }

  /** Emits the entries a line of prose quotes (see quotedEntries); returns whether it quoted any. */
  private inline(text: string, n: number, host: HostPrefix | undefined): boolean {
    const entries = quotedEntries(text, n, this.stats.name, host);
    if (entries === undefined) return false;
    this.flush();
    this.stats.parsed++;
    this.cls('quoted in prose');
    this.count('quoted in prose');
    for (const e of entries) this.emit(e);
    return true;
  }
}
