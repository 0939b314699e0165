// Preloaded with --require by test/cli/startup-modules.test.ts: at exit, the npm packages the
// process loaded through require (every CommonJS package, also those imported from ES modules).
/* global require */
process.on('exit', () => {
  const names = Object.keys(require.cache).map((p) => /node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+)/.exec(p)?.[1]);
  process._rawDebug(`loaded-packages: ${[...new Set(names.filter(Boolean))].sort().join(' ')}`);
});
