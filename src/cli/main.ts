#!/usr/bin/env node
// i2pd-doctor's command line. stdout carries results, stderr progress and errors.
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { terminalSafe } from '../report/safe-text.js';
import { PACKAGE_ROOT } from '../node/package-root.js';
import { collect, positiveInt, positiveNumber, size, wholeNumber } from './arguments.js';
import { helpAfter, PROGRAM_HELP } from './help.js';

// Each command's module is loaded when it runs: `analyze` of a short log should not pay for the
// web server, the watcher's metrics or the source checker (issue 17: start-up).
const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const RULES_OPTION = '--rules <dir>';
const RULES_HELP = 'also load the pack of signatures, rules, articles and samples in <dir> (repeatable)';

// `i2pd-doctor … | head` closes the pipe early: that is the reader's choice, not an error. Results
// go through output.ts, which says what else went wrong; stderr failing leaves nothing to tell.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || stream === process.stderr) process.exit(process.exitCode ?? 0);
    internalError(e);
  });
}

/**
 * A bug, not bad input: one line naming the command and what to do, and the stack only when
 * asked for (I2PD_DOCTOR_DEBUG=1). Exit status 2.
 */
function internalError(e: unknown): never {
  const err = e instanceof Error ? e : new Error(String(e));
  const command = terminalSafe(process.argv.slice(2).join(' '));
  process.stderr.write(`i2pd-doctor: internal error while running \`${command}\`: ${terminalSafe(err.message.split('\n')[0])}. This is a bug in i2pd-doctor: please report it to its maintainers with that command and, if you can share them, its inputs${process.env.I2PD_DOCTOR_DEBUG ? `\n${err.stack}` : ' (I2PD_DOCTOR_DEBUG=1 shows the details)'}\n`);
  process.exit(2);
}
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

const program = new Command();
program
  .name('i2pd-doctor')
  .description("Reads i2pd's logs and tells what is wrong and how to fix it.")
  .version(version)
  .showHelpAfterError('(run i2pd-doctor --help for usage)')
  .addHelpText('after', PROGRAM_HELP)
  // An option belongs to the command it follows (`triage --rules` and `triage index build --rules`).
  .enablePositionalOptions()
  .exitOverride();

program
  .command('analyze')
  .description('diagnose one case (log files, i2pd.conf; `-` or a pipe for pasted text) or a folder of reports and archives')
  .argument('[sources...]', 'files, folders, archives or globs (quote globs); - for stdin')
  .option('-c, --config <file>', 'an i2pd.conf belonging to the case (repeatable)', collect, [])
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json', 'ndjson', 'html']).default('text'))
  .addOption(new Option('--case-per <unit>', 'what one report is: auto (a folder of subfolders/archives is a batch), file, dir, archive').choices(['auto', 'file', 'dir', 'archive']).default('auto'))
  .option('-j, --jobs <n>', 'worker threads: for cases (default: the cores, for 4 cases or more), or for one large plain log (default: 1; 2 reads a log of hundreds of MB faster with a core idle, in about twice the memory)', positiveInt)
  .option('--no-progress', 'no progress bar even on a terminal')
  .option('--suggest <template-id>', 'write a draft signature and rule for an unknown-message template')
  .option('--drafts <dir>', 'where --suggest writes', 'drafts')
  .option('--max-bytes <size>', 'uncompressed bytes one case may expand to, e.g. 512MiB (default 2 GiB)', size)
  .option('--max-ratio <n>', 'compression ratio one archive member may have (default 200)', positiveInt)
  .option('--max-entries <n>', 'archive entries one case may hold (default 10000)', positiveInt)
  .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['critical', 'error', 'warning', 'info', 'none']).default('error'))
  .option('--brief', "leave out the articles' cause and fix (text and markdown)")
  .option('--no-color', 'no colour even on a terminal')
  .option('--redact', 'replace addresses, router hashes, tunnel ids and home paths with pseudonyms (the default for markdown)')
  .option('--no-redact', 'keep the original addresses, even in markdown')
  .option('--profile', 'print the time per stage and per signature to stderr (one case)')
  .option('--lines', 'instead of the report, list each line with what it was read as and the signatures it matched (one case)')
  .addHelpText('after', helpAfter('analyze'))
  .action(async (sources: string[], opts) => {
    // The battery's way to reach the internal-error path (test/hostile/places.test.ts).
    if (process.env.I2PD_DOCTOR_TEST_THROW === 'analyze') throw new Error('a fault injected by I2PD_DOCTOR_TEST_THROW');
    process.exitCode = await (await import('./analyze.js')).analyzeCommand(sources, { ...opts, version });
  });

program
  .command('collect')
  .description('on the machine that runs i2pd: gather its config, log, version, service state, limits, sysctls, OS and console; diagnose them; write a redacted bundle and print the comment to paste')
  .option('--conf <file>', 'read this i2pd.conf first, as i2pd --conf does')
  .option('-o, --output <file>', 'the bundle to write (default: i2pd-doctor-collect-<date>-<time>.tar.gz here)')
  .option('--since <duration>', "only the log's last 30m, 1h, 2d… (a file: on the log's own clock)")
  .option('--no-redact', 'keep the original addresses, identities and secrets in the bundle')
  .option('--root <dir>', 'read the machine under this folder (tests: a fake root of etc/, proc/, var/log …, its commands in its own bin folders)', '/')
  .addOption(new Option('-f, --format <format>', 'what to print').choices(['markdown', 'text', 'json']).default('markdown'))
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .option('--no-color', 'no colour even on a terminal (text)')
  .addHelpText('after', helpAfter('collect'))
  .action(async (opts) => {
    process.exitCode = await (await import('./collect.js')).collectCommand({ ...opts, version });
  });

program
  .command('watch')
  .description('follow a growing log (through rotation and restarts) and report each finding when it first fires and when it changes')
  .argument('<log>', 'the log file to follow, or - for a pipe (journalctl -fu i2pd -o short-iso | i2pd-doctor watch -)')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'ndjson']).default('text'))
  .option('--exec <command>', 'run this shell command for each new or changed finding, the finding as JSON on its stdin')
  .option('--metrics <addr:port>', 'serve Prometheus metrics at http://<addr:port>/metrics (findings, lines by level, last line time)')
  .option('--from-end', 'skip what the file holds already: only lines written from now on')
  .option('--interval <seconds>', 'how often the rules run while lines arrive (default 1)', positiveNumber)
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .option('--no-color', 'no colour even on a terminal')
  .addHelpText('after', helpAfter('watch'))
  .action(async (log: string, opts) => {
    process.exitCode = await (await import('./watch.js')).watchCommand(log, opts);
  });

program
  .command('redact')
  .description('print logs with addresses, router hashes, .b32.i2p, tunnel ids and home paths replaced by consistent pseudonyms')
  .argument('[logs...]', 'files, folders or globs (quote globs); - for stdin')
  .addHelpText('after', helpAfter('redact'))
  .action(async (logs: string[]) => {
    process.exitCode = await (await import('./redact.js')).redactCommand(logs);
  });

program
  .command('explain')
  .description('why a rule did or did not fire on a case: each condition with the fact, its value and the result')
  .argument('<rule>', 'rule id (i2pd-doctor rules list)')
  .argument('[logs...]', 'files, folders or globs of one case (quote globs); - for stdin')
  .option('-c, --config <file>', 'an i2pd.conf belonging to the case (repeatable)', collect, [])
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .addHelpText('after', helpAfter('explain'))
  .action(async (id: string, logs: string[], opts) => {
    process.exitCode = await (await import('./explain.js')).explainCommand(id, logs, opts);
  });

program
  .command('kb')
  .description("list the knowledge-base articles (the packs' too), or print one")
  .argument('[id]', 'article id')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .option('--no-color', 'no colour even on a terminal')
  .addHelpText('after', helpAfter('kb'))
  .action(async (id: string | undefined, opts) => {
    process.exitCode = await (await import('./kb.js')).kbCommand(id, opts);
  });

const rules = program.command('rules').description('work with the rules');
rules
  .command('list')
  .description('list the rules with their article and sample counts')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .addHelpText('after', helpAfter('rules list'))
  .action(async (opts) => {
    process.exitCode = await (await import('./rules.js')).rulesListCommand(opts);
  });

rules
  .command('lint')
  .description('check the packs given with --rules or named in .i2pd-doctor.json (else the bundled content), the way CI does')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .addHelpText('after', helpAfter('rules lint'))
  .action(async (opts) => {
    process.exitCode = await (await import('./rules.js')).rulesLintCommand(opts);
  });

rules
  .command('test')
  .description("run the rules over their samples and compare with the samples' expectations")
  .argument('[ids...]', 'only the samples that name these rules')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .addHelpText('after', helpAfter('rules test'))
  .action(async (ids: string[], opts) => {
    process.exitCode = await (await import('./rules.js')).rulesTestCommand(ids, opts);
  });

rules
  .command('new')
  .description('scaffold a rule, its article and a firing and a quiet sample, with TODOs to fill in')
  .argument('<id>', 'the new rule id, kebab-case (e.g. ntcp2-port-blocked)')
  .option('--area <dir>', 'the folder under rules/ and samples/ (network, sockets, time…)', 'misc')
  .option('--rules <dir>', 'the pack to write into (default: the current folder)')
  .option('--signature <id>', 'start the conditions from this existing signature')
  .addHelpText('after', helpAfter('rules new'))
  .action(async (id: string, opts) => {
    process.exitCode = await (await import('./rules.js')).rulesNewCommand(id, opts);
  });

rules
  .command('check-source')
  .description("report signatures whose message no longer appears among i2pd's LogPrint calls, with the closest one")
  .argument('<tree>', 'the root of an i2pd source tree')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .addHelpText('after', helpAfter('rules check-source'))
  .action(async (tree: string, opts) => {
    process.exitCode = await (await import('./rules.js')).rulesCheckSourceCommand(tree, opts);
  });

rules
  .command('coverage')
  .description('how many of the messages i2pd prints at critical, error and warn a signature or the catalogue knows, per level and release; exit 1 under the goal')
  .argument('<tree>', 'an i2pd git repository (clone or mirror: its release tags are read with git), or a plain source tree')
  .option('--release <tag>', 'a release tag to measure (repeatable; "all" for every 2.x tag; default: the newest and 2.1.0)', collect, [])
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (tree: string, opts) => {
    process.exitCode = await (await import('./coverage.js')).rulesCoverageCommand(tree, opts);
  });

const triage = program
  .command('triage')
  .description('answer an issue where it was filed: one comment with the findings, edited when the issue changes, and the earlier issues it looks like')
  .argument('[input]', 'the event payload (default: $GITHUB_EVENT_PATH) or `gh issue view N --json title,body,comments,labels` output; - for stdin')
  .option('--dry-run', 'print the comment instead of posting it (no token, no request)')
  .option('--repo <owner/name>', 'the repository (default: the payload\'s, else $GITHUB_REPOSITORY)')
  .option('--issue <n>', 'the issue number, when the input lacks it', positiveInt)
  .option('--index <file>', 'earlier issues to find duplicates in: an index (triage index build) or `gh issue list` output')
  .option('--attachments <dir>', 'local copies of the linked attachments, named <id>-<name> as --list-attachments prints')
  .option('--list-attachments', 'print each linked .log/.txt/.zip attachment: its URL and the file name --attachments looks for')
  .option('--add-labels', 'add the suggested labels that exist in the repository')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .option('--no-redact', 'keep the original addresses in the comment')
  .option('--kb-url <url>', 'where the bundled articles are on the web (…/kb), for links under each finding')
  .option('--api-url <url>', 'the REST API (default: $GITHUB_API_URL, else https://api.github.com)')
  .option('--author <login>', 'a login that posts for triage besides bots, when it runs with a personal token (repeatable)', collect, [])
  .option('--retries <n>', 'retries after a rate limit, a 5xx answer or a network error', wholeNumber, 3)
  .option('--backoff <ms>', 'the first wait before retrying a 5xx answer or a network error; it doubles', wholeNumber, 1000)
  .option('--max-wait <s>', 'the longest rate-limit wait; a longer one is reported instead', wholeNumber, 120)
  .enablePositionalOptions()
  .addHelpText('after', helpAfter('triage'))
  .action(async (input: string | undefined, opts) => {
    process.exitCode = await (await import('./triage.js')).triageCommand(input, { ...opts, version });
  });

const triageIndex = triage.command('index').description('the index of earlier issues that triage --index finds duplicates in');
triageIndex
  .command('build')
  .description('fingerprint every issue of a `gh issue list` by its findings and unknown messages')
  .argument('<issues>', '`gh issue list --state all --json number,title,body,author,comments,state,stateReason` output')
  .option('-o, --out <file>', 'the index to write', 'i2pd-doctor-index.json')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .option('--no-redact', 'analyse the original texts (triage must then run with --no-redact too)')
  .option('-j, --jobs <n>', 'worker threads (default: the cores)', positiveInt)
  .addHelpText('after', helpAfter('triage index build'))
  .action(async (issues: string, opts) => {
    process.exitCode = await (await import('./triage-index.js')).indexBuildCommand(issues, { ...opts, version });
  });
triageIndex
  .command('update')
  .description('bring an index up to date: new issues and changed texts are analysed, the rest kept')
  .argument('<index>', 'the index to update in place')
  .argument('<issues>', '`gh issue list` output, or one issue (an event payload, gh issue view output)')
  .option(RULES_OPTION, RULES_HELP, collect, [])
  .option('--no-redact', 'analyse the original texts')
  .option('-j, --jobs <n>', 'worker threads (default: the cores)', positiveInt)
  .addHelpText('after', helpAfter('triage index update'))
  .action(async (index: string, issues: string, opts) => {
    process.exitCode = await (await import('./triage-index.js')).indexUpdateCommand(index, issues, { ...opts, version });
  });

program
  .command('serve')
  .description('serve the paste-and-diagnose page locally (logs are analysed in the browser, never uploaded)')
  .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '8087')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .addHelpText('after', helpAfter('serve'))
  .action(async (opts) => {
    process.exitCode = await (await import('./serve.js')).serveCommand(opts);
  });

// Not a top-level await: the bin runs this module as one CommonJS bundle (scripts/bundle-cli.ts).
program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else internalError(e);
});
