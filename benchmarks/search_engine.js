// kbsite's browser search engine under node, from a folder of kbsite's theme assets (assets/kbsite): the scripts
// search-query.js, search-index.js and search-rank.js in the pages' order, or the single search.js of a revision
// from before they were split (a benchmark's baseline). Returns the namespace holding Engine.
"use strict";
const fs = require("fs");
const path = require("path");

const SCRIPTS = ["search-query.js", "search-index.js", "search-rank.js"];

module.exports = function engineFrom(assets) {
  const dir = path.resolve(assets);
  if (!fs.existsSync(path.join(dir, SCRIPTS[0]))) return require(path.join(dir, "search.js"));
  let kb = null;
  for (const name of SCRIPTS) kb = require(path.join(dir, name));
  return kb;
};
