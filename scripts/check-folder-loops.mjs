// No folder imports one that imports it back: dependency-cruiser's no-circular rule sees module cycles only, and a
// loop between folders (render ↔ status, say) means neither can be understood, moved or tested without the other.
// A folder here is src/<name>/ (a file directly in src/ counts alone), commands/, db/<engine>/ (a file directly in
// db/ alone). Type-only imports count too: a type is knowledge of the other folder.
import { cruise } from 'dependency-cruiser';

const unit = (path) => {
  const m = path.match(/^(src|db)\/([^/]+)(\/|$)/);
  if (m) return m[3] === '/' ? `${m[1]}/${m[2]}/` : `${m[1]}/${m[2]}`;
  return path.startsWith('commands/') ? 'commands/' : null;
};

const { output } = await cruise(['src', 'commands', 'db'], {
  doNotFollow: { path: 'node_modules' },
  tsPreCompilationDeps: true,
  tsConfig: { fileName: 'tsconfig.json' },
});
const graph = new Map();
for (const m of output.modules) {
  const from = unit(m.source);
  if (!from) continue;
  for (const d of m.dependencies) {
    const to = unit(d.resolved);
    if (!to || to === from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.get(from).has(to)) graph.get(from).set(to, `${m.source} → ${d.resolved}`);
  }
}

// Tarjan's strongly connected components: any with more than one folder is a loop.
let index = 0;
const idx = new Map(),
  low = new Map(),
  stack = [],
  on = new Set(),
  loops = [];
const visit = (v) => {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of graph.get(v)?.keys() ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) loops.push(c);
  }
};
for (const v of graph.keys()) if (!idx.has(v)) visit(v);

if (loops.length > 0) {
  for (const c of loops) {
    console.error(`folder loop: ${c.join(' ↔ ')}`);
    for (const a of c) for (const [b, why] of graph.get(a) ?? []) if (c.includes(b)) console.error(`  ${why}`);
  }
  process.exit(1);
}
console.log(`✔ no folder loops (${graph.size} folders)`);
