// The shell reports a program killed by a signal with the C library's description of it, in the
// user's language (glibc's strsignal translations): `Ошибка сегментирования (стек памяти сброшен
// на диск)` is `Segmentation fault (core dumped)`. Read into English, one crash signature knows
// every language.
const NAMES: ReadonlyArray<[string, string]> = [
  // Segmentation fault
  ['Ошибка сегментирования', 'Segmentation fault'], ['Помилка сегментування', 'Segmentation fault'],
  ['Speicherzugriffsfehler', 'Segmentation fault'], ['Erreur de segmentation', 'Segmentation fault'],
  ['Violación de segmento', 'Segmentation fault'], ['Errore di segmentazione', 'Segmentation fault'],
  ['Falha de segmentação', 'Segmentation fault'], ['Naruszenie ochrony pamięci', 'Segmentation fault'],
  ['段错误', 'Segmentation fault'], ['記憶體區段錯誤', 'Segmentation fault'], ['Segmentierungsfehler', 'Segmentation fault'],
  // Illegal instruction
  ['Недопустимая инструкция', 'Illegal instruction'], ['Недозволена інструкція', 'Illegal instruction'],
  ['Ungültiger Maschinenbefehl', 'Illegal instruction'], ['Instruction illégale', 'Illegal instruction'],
  ['Instrucción ilegal', 'Illegal instruction'], ['Istruzione non consentita', 'Illegal instruction'],
  ['Instrução ilegal', 'Illegal instruction'], ['Niedozwolona instrukcja', 'Illegal instruction'],
  ['非法指令', 'Illegal instruction'],
  // Aborted
  ['Аварийный останов', 'Aborted'], ['Аварійне завершення', 'Aborted'], ['Abgebrochen', 'Aborted'],
  ['Abandon', 'Aborted'], ['Abortado', 'Aborted'], ['Annullato', 'Aborted'], ['Przerwane', 'Aborted'], ['已放弃', 'Aborted'],
  // Bus error
  ['Ошибка шины', 'Bus error'], ['Bus-Fehler', 'Bus error'], ['Erreur du bus', 'Bus error'], ['Error del bus', 'Bus error'], ['总线错误', 'Bus error'],
];

/**
 * The line with a translated signal description in English (and its core-dump remark, whatever
 * the language, as `(core dumped)`), or undefined when it holds none. Only a line that is the
 * shell's report: the description at its end, alone or after the shell's job text.
 */
export function englishSignal(s: string): string | undefined {
  for (const [tr, en] of NAMES) {
    const i = s.indexOf(tr);
    if (i === -1) continue;
    const before = s.slice(0, i);
    const rest = s.slice(i + tr.length).trim();
    // Alone, with its core-dump remark, or in bash's job report (`./run: line 3:  4012 <it> ./i2pd`).
    const dumped = /^\([^()]*\)/.exec(rest);
    const job = /\bline \d+:\s+\d+\s+$/.test(before);
    if (rest !== '' && !dumped && !job) continue;
    const after = dumped ? rest.slice(dumped[0].length) : rest;
    if (after.trim() !== '' && !job) continue;
    return `${before}${en}${dumped ? ' (core dumped)' : ''}${after ? ` ${after.trim()}` : ''}`;
  }
  return undefined;
}
