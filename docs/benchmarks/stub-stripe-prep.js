// Stripe's document as all three stubs can load it: descriptions emptied (Specmatic's YAML reader stops at 3 MiB
// of text), the list-URL patterns that start with "/" dropped (Specmatic refuses them as regex delimiters), and the
// deepObject query parameters (filters such as created[gte]) dropped, and null added to the enums of nullable
// schemas (Specmatic 2.55 refuses the document for either; null is what OpenAPI 3.0's nullable allows anyway), and
// bearer the only security alternative (Specmatic 2.55 asks for basic and bearer at once where either is allowed).
const fs = require("fs");
const d = JSON.parse(fs.readFileSync(process.argv[2]));
let patterns = 0, deep = 0, nulls = 0;
const walk = (n) => {
  if (Array.isArray(n)) return n.forEach(walk);
  if (n && typeof n === "object") {
    if (n.nullable === true && Array.isArray(n.enum) && !n.enum.includes(null)) { n.enum.push(null); nulls++; }
    for (const k of Object.keys(n)) {
      if (k === "description" && typeof n[k] === "string") n[k] = "";
      else if (k === "security" && Array.isArray(n[k])) n[k] = [{ bearerAuth: [] }];
      else if (k === "pattern" && typeof n[k] === "string" && n[k].startsWith("^/")) { delete n[k]; patterns++; }
      else if (k === "parameters" && Array.isArray(n[k])) {
        const kept = n[k].filter((p) => !(p.in === "query" && p.style === "deepObject"));
        deep += n[k].length - kept.length;
        n[k] = kept;
        walk(kept);
      } else walk(n[k]);
    }
  }
};
walk(d);
fs.writeFileSync(process.argv[3], JSON.stringify(d));
console.error(`${process.argv[3]}: ${fs.statSync(process.argv[3]).size} bytes, ${Object.keys(d.paths).length} paths, ${patterns} patterns and ${deep} deepObject parameters dropped, null added to ${nulls} enums`);
