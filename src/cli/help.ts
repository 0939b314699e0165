// What `--help` shows after the options: a few commands to copy, and what each exit code means
// for that command (scripts and CI branch on them).

const USAGE = '2  usage or input error: a bad option, a source or pack that cannot be read (the message says which)';

const HELP: Record<string, { examples: string[]; exits: string[] }> = {
  analyze: {
    examples: [
      'analyze /var/log/i2pd/i2pd.log',
      'analyze i2pd.log --config /etc/i2pd/i2pd.conf',
      'analyze i2pd.log --format markdown > comment.md',
      'analyze reports/ --format html > triage.html',
      'analyze --max-bytes 4GiB big-report.zip',
    ],
    exits: ['0  no finding at or above --fail-on (default: error)', '1  a finding at or above --fail-on', USAGE],
  },
  collect: {
    examples: ['collect', 'sudo i2pd-doctor collect --since 1h --output report.tar.gz', 'collect --conf /etc/i2pd/i2pd.conf --format text', 'collect --no-redact --output private.tar.gz'],
    exits: ['0  the bundle was written and the comment printed (whatever it found)', '2  a bad option, a bundle that exists already or cannot be written, a pack that cannot be read'],
  },
  watch: {
    examples: ['watch /var/log/i2pd/i2pd.log', 'journalctl -fu i2pd -o short-iso | i2pd-doctor watch -', "watch /var/log/i2pd/i2pd.log --format ndjson --exec 'logger -t i2pd-doctor'", 'watch /var/log/i2pd/i2pd.log --metrics 127.0.0.1:9477'],
    exits: ['0  stopped by SIGINT/SIGTERM, or the pipe ended', '2  a bad option, a log that cannot be read, a metrics address that cannot be used'],
  },
  redact: {
    examples: ['redact i2pd.log > shareable.log', 'journalctl -u i2pd --no-pager | i2pd-doctor redact'],
    exits: ['0  the logs were printed redacted', USAGE],
  },
  explain: {
    examples: ['explain ssu2-socket-buffer-enobufs i2pd.log', 'explain my-rule samples/x/my-rule.log --rules my-pack'],
    exits: ['0  the explanation was printed (whether or not the rule fired)', USAGE],
  },
  kb: {
    examples: ['kb', 'kb ssu2-socket-buffer-enobufs', 'kb my-article --rules my-pack'],
    exits: ['0  the list or the article was printed', '2  no such article, or a pack that cannot be read'],
  },
  serve: {
    examples: ['serve', 'serve --port 0'],
    exits: ['0  the server was stopped', '2  the port cannot be used, or the page is not built (npm run build:web)'],
  },
  'rules list': {
    examples: ['rules list', 'rules list --rules my-pack --format json'],
    exits: ['0  the rules were listed', USAGE],
  },
  'rules lint': {
    examples: ['rules lint', 'rules lint --rules my-pack'],
    exits: ['0  no errors (warnings may remain)', '1  errors: each names its file and what to do', '2  a pack folder that does not exist or holds no content'],
  },
  'rules test': {
    examples: ['rules test', 'rules test ssu2-socket-buffer-enobufs', 'rules test my-rule --rules my-pack'],
    exits: ['0  every sample passes', '1  a sample fails, or no sample names the rules', USAGE],
  },
  'rules new': {
    examples: ['rules new ntcp2-port-blocked --area network', 'rules new my-rule --area services --rules my-pack --signature sam.handshake-version-mismatch'],
    exits: ['0  the files were created', '2  a bad or taken id, an unknown signature, or a file that exists already'],
  },
  'rules check-source': {
    examples: ['rules check-source ~/src/i2pd'],
    exits: ['0  every log signature is found among i2pd\'s LogPrint calls', '1  signatures i2pd no longer prints', USAGE],
  },
};

/** The text after a command's options: its examples and its exit codes. */
export function helpAfter(command: string): string {
  const h = HELP[command];
  return `\nExamples:\n${h.examples.map((e) => `  $ ${e.includes('|') ? e : `i2pd-doctor ${e}`}`).join('\n')}\n\nExit codes:\n${h.exits.map((e) => `  ${e}`).join('\n')}\n`;
}

export const PROGRAM_HELP = `
Examples:
  $ i2pd-doctor analyze /var/log/i2pd/i2pd.log
  $ i2pd-doctor kb
  $ i2pd-doctor <command> --help

Exit codes:
  0  clean
  1  findings at or above --fail-on (analyze), errors (rules lint), failing samples (rules test)
  ${USAGE}
`;
