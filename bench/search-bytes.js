// search-bytes.js: what the site's search costs a reader, measured by
// running the real client (internal/render/builtin/search.js) in node over a
// built site on disk and counting the bytes of every file it reads.
//
//   node bench/search-bytes.js SITE-DIR [query …]
//
// Prints the size of the whole index (SITE-DIR/search), then per query: the
// results, the bytes read before the result list shows (meta, shards, docs
// chunks), and the bytes of the three result pages read at once for
// snippets (the others are read as they scroll into view).
'use strict';
const fs = require('fs'), path = require('path');
const s = require(path.join(__dirname, '..', 'internal', 'render', 'builtin', 'search.js'));
const [site, ...args] = process.argv.slice(2);
if (!site) { console.error('usage: node bench/search-bytes.js SITE-DIR [query …]'); process.exit(2); }
const queries = args.length ? args : ['招商', '项目建设', '政府信息', '安全生产', '税', '台风防御工作'];

function du(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? du(p) : fs.statSync(p).size;
  }
  return n;
}

const kb = n => (n / 1024).toFixed(1) + ' KB';
(async () => {
  console.log(`index: ${(du(path.join(site, 'search')) / 1048576).toFixed(2)} MB in search/`);
  for (const q of queries) {
    let bytes = 0;
    const read = p => { const b = fs.readFileSync(path.join(site, p)); bytes += b.length; return b; };
    const searcher = new s.Searcher(
      p => Promise.resolve(JSON.parse(read(p).toString('utf8'))),
      p => Promise.resolve(new Uint8Array(read(p)).buffer),
      url => Promise.resolve(read(path.join(url, 'index.html')).toString('utf8')));
    const r = await searcher.run({ q });
    const docs = await searcher.page(r, 0);
    const listed = bytes;
    await Promise.all(docs.slice(0, 3).map(d => searcher.withText(d)));
    console.log(`${q}: ${r.total} results${r.partial ? ' (partial)' : ''}; before the list ${kb(listed)}; ` +
      `first three snippets ${kb(bytes - listed)}`);
  }
})().catch(e => { console.error(e); process.exit(1); });
