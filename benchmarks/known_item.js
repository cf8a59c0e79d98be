// Rank known-item queries with a given copy of kbsite's browser search over a browser index folder, under node.
// Usage: node known_item.js ASSETS_DIR INDEX_DIR < queries.json   prints, per query, the first 10 result URLs.
// ASSETS_DIR: the theme's assets/kbsite folder of the code measured (see search_engine.js).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const KbSearch = require("./search_engine.js")(process.argv[2]);
const dir = process.argv[3];

function load(name) {
  const file = path.join(dir, name + ".js");
  if (!fs.existsSync(file)) return Promise.reject(new Error("missing " + name));
  let got = null;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), { kbsearchData: (n, data) => { if (n === name) got = data; } });
  return Promise.resolve(got);
}

async function main() {
  const engine = new KbSearch.Engine(load);
  const out = [];
  for (const query of JSON.parse(fs.readFileSync(0, "utf8"))) {
    const result = await engine.search(query, {});
    const metas = await Promise.all(result.hits.slice(0, 10).map((h) => engine.meta(h.id)));
    out.push(metas.map((m) => m.url));
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e); process.exit(1); });
