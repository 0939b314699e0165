import test from 'ava';
import { attachmentLinks, pastedText } from '../../src/triage/text.js';

const LOG = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';

test('details and summary tags are blanked line for line, so evidence line numbers still point into the issue', (t) => {
  const body = ['The log:', '', '<details><summary>i2pd.log (click)</summary>', '<p>', '', LOG, '', '</p>', '</details>', 'end'].join('\n');
  const out = pastedText(body).split('\n');
  t.is(out.length, 10);
  t.is(out[5], LOG);
  t.deepEqual([out[2], out[3], out[7], out[8]], ['', '', '', '']);
  t.is(out[9], 'end');
});

test("HTML comments (an issue template's hints) are blanked, also over several lines; text after one on the same line stays", (t) => {
  const body = ['<!-- Describe the bug.', 'Paste the log below -->', 'ok <!-- x --> here', LOG].join('\r\n');
  t.deepEqual(pastedText(body).split(/\r\n/), ['', '', 'ok  here', LOG]);
});

test('inside a code fence nothing is touched: a log line may hold anything', (t) => {
  const body = ['```', '<details>', 'a <!-- b --> c', '```', '<details>'].join('\n');
  t.deepEqual(pastedText(body).split('\n'), ['```', '<details>', 'a <!-- b --> c', '```', '']);
});

test('<pre> and <code> around pasted lines are dropped, the lines kept', (t) => {
  t.is(pastedText(`<pre>${LOG}</pre>`), LOG);
  t.is(pastedText(`<code>${LOG}</code>`), LOG);
});

test('attachment links: GitHub-hosted .log, .txt, .zip (and gzip, tar) files, with a safe local name; images and other hosts are not attachments', (t) => {
  const body = [
    'see [i2pd.log](https://github.com/user-attachments/files/18000001/i2pd.log)',
    'and https://github.com/example/i2pd-reports/files/12345/my%20report.zip and',
    '![shot](https://github.com/user-attachments/assets/0b0c1d2e-aaaa-bbbb-cccc-000000000000)',
    '[conf](https://example.com/files/1/i2pd.log) [txt](https://github.com/user-attachments/files/18000002/../../x.txt)',
    '[again](https://github.com/user-attachments/files/18000001/i2pd.log) [gz](https://github.com/user-attachments/files/3/a.log.gz)',
  ].join('\n');
  t.deepEqual(attachmentLinks(body), [
    { url: 'https://github.com/user-attachments/files/18000001/i2pd.log', name: 'i2pd.log', file: '18000001-i2pd.log' },
    { url: 'https://github.com/example/i2pd-reports/files/12345/my%20report.zip', name: 'my report.zip', file: '12345-my_report.zip' },
    { url: 'https://github.com/user-attachments/files/3/a.log.gz', name: 'a.log.gz', file: '3-a.log.gz' },
  ]);
});

test('attachments on another GitHub host (GHES: GITHUB_SERVER_URL) are found there', (t) => {
  const links = attachmentLinks('[x](https://git.example.org/user-attachments/files/7/x.log) [y](https://github.com/user-attachments/files/8/y.log)', 'https://git.example.org');
  t.deepEqual(links.map((l) => l.file), ['7-x.log']);
});

test('an encoded separator in a link makes no path of the name: it stays one file name', (t) => {
  const links = attachmentLinks('[x](https://github.com/user-attachments/files/9/..%2F..%2Fetc%2Fi2pd.log) [y](https://github.com/user-attachments/files/10/a%5Cb.txt)');
  t.deepEqual(links.map((l) => [l.name, l.file]), [['.._.._etc_i2pd.log', '9-_.._etc_i2pd.log'], ['a_b.txt', '10-a_b.txt']]);
});
