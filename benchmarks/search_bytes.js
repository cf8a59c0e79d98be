// node search_bytes.js ASSETS_DIR INDEX_DIR < queries.json: per query, the bytes and files a fresh page loads for its first 20 results
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const KbSearch = require("./search_engine.js")(process.argv[2]);
const dir = process.argv[3];
async function main() {
  const out = [];
  for (const query of JSON.parse(fs.readFileSync(0, "utf8"))) {
    let bytes = 0, files = 0;
    const load = (name) => {
      const file = path.join(dir, name + ".js");
      if (!fs.existsSync(file)) return Promise.reject(new Error("missing " + name));
      const text = fs.readFileSync(file, "utf8"); bytes += Buffer.byteLength(text); files += 1;
      let got = null;
      vm.runInNewContext(text, { kbsearchData: (n, data) => { if (n === name) got = data; } });
      return Promise.resolve(got);
    };
    const engine = new KbSearch.Engine(load);
    await engine.manifest(); const base = bytes, baseFiles = files;
    const result = await engine.search(query, {});
    await Promise.all(result.hits.slice(0, 20).map((h) => engine.meta(h.id)));
    out.push([bytes - base, files - baseFiles]);
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
