// Preloaded (node -r) by bench/startup.mjs: at exit, the node_modules packages this process loaded, one per line,
// into $LOADED_PACKAGES_OUT — so the bench can say that the SQLite path never loads the PostgreSQL client.
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (m) names.add(m[1].replace('\\', '/'));
  }
  require('node:fs').writeFileSync(process.env.LOADED_PACKAGES_OUT, [...names].sort().join('\n'));
});
