// What the splitter tells the parser about the lines it hands on: the contract between reading
// and parsing, so it lives with the reader, which comes first in the flow.

/** What a splitter may know of a line from one test of its whole chunk: it holds only ASCII. */
export const LINE_ASCII = 1;
/** It holds only ASCII, and no CR and no ESC: no ANSI colour, nothing to split on a lone CR. */
export const LINE_CLEAN = 3;

/** Lines longer than this are counted as oversized and skipped; no i2pd message comes close. */
export const MAX_LINE = 64 * 1024;
