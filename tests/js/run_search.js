// Run kbsite's browser search engine under node over an index folder written by browser_index.
// Usage: node run_search.js INDEX_DIR < requests.json  (requests: [{query, lang?, topic?, entity?, since?, until?}])
// Prints, per request, {total, partialTotal, urls, scores, partial, snippets, suggestion, files}: what the pages
// would show and load.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const ASSETS = path.join(__dirname, "..", "..", "kbsite", "theme", "assets", "kbsite");
// The engine's scripts in the pages' order (kbsite.plugin.SEARCH_JS): each adds to the namespace they share.
let KbSearch = null;
for (const name of ["search-query.js", "search-index.js", "search-rank.js"]) KbSearch = require(path.join(ASSETS, name));

const dir = process.argv[2];
const loadedFiles = [];

function load(name) {
  const file = path.join(dir, name + ".js");
  if (!fs.existsSync(file)) return Promise.reject(new Error("missing " + name));
  let got;
  const sandbox = { kbsearchData: (n, data) => { if (n === name) got = data; } };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  loadedFiles.push([name, fs.statSync(file).size]);
  return Promise.resolve(got === undefined ? null : JSON.parse(JSON.stringify(got)));
}

async function main() {
  const requests = JSON.parse(fs.readFileSync(0, "utf8"));
  const out = [];
  for (const req of requests) {
    const engine = new KbSearch.Engine(load);
    loadedFiles.length = 0;
    const result = await engine.search(req.query, req);
    const top = result.hits.slice(0, req.limit || 10);
    const metas = await Promise.all(top.map((h) => engine.meta(h.id)));
    const snippets = await Promise.all(
      metas.map((m) => engine.snippet(m.text, m.lang, result.wanted[m.lang] || new Set())));
    out.push({
      total: result.total,
      partialTotal: result.partialTotal,
      urls: metas.map((m) => m.url),
      scores: top.map((h) => h.score),
      partial: top.map((h) => Boolean(h.partial)),
      snippets: snippets.map((s) => s.spans.map((t) => s.text.slice(t.start, t.end))),
      suggestion: result.suggestion,
      files: loadedFiles.slice(),
    });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e); process.exit(1); });
