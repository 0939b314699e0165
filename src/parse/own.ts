// Text kept past the line it came from (a signal's first, last and example lines, capture values,
// template examples) is copied. A line is a slice of the 16 KiB piece the splitter decoded, and
// V8 keeps a slice's whole parent alive: a dozen stored lines pinned a dozen pieces, which every
// young collection then had to copy, so the heap grew with the log (issue 17).

/**
 * A copy of `s` that holds nothing else alive. The concatenation is flattened into a string of
 * its own by the slice, so the result refers to that string, not to `s`'s parent.
 */
export function own(s: string): string {
  return (' ' + s).slice(1);
}
