// Print, for each input line, the browser's tokenize and fold of it, to compare with kbsite.textproc.
// Usage: node fold_parity.js < words.json  (a JSON array of strings) -> JSON array of [tokens, folds]
"use strict";
const fs = require("fs");
const KbSearch = require("../../kbsite/theme/assets/kbsite/search-query.js");

const words = JSON.parse(fs.readFileSync(0, "utf8"));
const out = words.map((w) => {
  const tokens = KbSearch.tokenize(w).map((t) => t.text);
  return [tokens, tokens.map((t) => KbSearch.fold(t)), tokens.map((t) => t.toLowerCase())];
});
process.stdout.write(JSON.stringify(out));
