// A large part of GitHub's REST description (@octokit/openapi's generated/api.github.com.json) cut into a document
// that Covenant, Prism and Specmatic all load, and the request mix StubLoad sends to them.
//
//   node stub-github-prep.js api.github.com.json OUT_DOCUMENT.json OUT_MIX.tsv [PATHS]
//
// The cut: every path the mix uses, then GitHub's paths in document order up to PATHS (500), with the components
// (schemas, parameters, responses, examples, headers) they reach, transitively. Changes, all recorded in the
// summary printed on stderr:
// - GitHub's description declares no security scheme (the API takes a token but most reads work without one), so
//   an http bearer scheme is added and required everywhere: the mix's "missing credentials" case needs one;
// - descriptions emptied (Specmatic's YAML/JSON reader stops at 3 MiB of text; GitHub's prose is most of the bytes);
// - null added to the enums of nullable schemas (Specmatic 2.55 refuses the document otherwise; OpenAPI 3.0's
//   nullable allows it anyway).
// The mix (TSV: id, valid|invalid, method, target, content type, body, credentials, what) is checked against the
// cut before it is written: each invalid case names the schema property it breaks, and the script stops if the
// document no longer has it, so the table stays true as GitHub's description changes.
const fs = require("fs");
const [source, outDocument, outMix, pathsArg] = process.argv.slice(2);
const MAX_PATHS = Number(pathsArg || 500);
const d = JSON.parse(fs.readFileSync(source));

const OWNER_REPO = "/repos/{owner}/{repo}";
const needed = [
  `${OWNER_REPO}/issues`, `${OWNER_REPO}/issues/{issue_number}`, `${OWNER_REPO}/milestones`, `${OWNER_REPO}`,
  `${OWNER_REPO}/pulls`, "/users/{username}", "/search/repositories", "/orgs/{org}/repos", "/user/repos",
];
const paths = {};
for (const p of needed) {
  if (!d.paths[p]) throw new Error(`the description lacks ${p}`);
  paths[p] = d.paths[p];
}
for (const p of Object.keys(d.paths)) {
  if (Object.keys(paths).length >= MAX_PATHS) break;
  paths[p] = d.paths[p];
}

// components reached from the cut, transitively
const kept = {};
const queue = [paths];
const seen = new Set();
while (queue.length) {
  const n = queue.pop();
  if (Array.isArray(n)) { n.forEach((x) => queue.push(x)); continue; }
  if (!n || typeof n !== "object") continue;
  for (const [k, v] of Object.entries(n)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/components/")) {
      if (seen.has(v)) continue;
      seen.add(v);
      const [, , kind, name] = v.split("/");
      const target = d.components[kind] && d.components[kind][name];
      if (!target) throw new Error(`unresolved ${v}`);
      (kept[kind] = kept[kind] || {})[name] = target;
      queue.push(target);
    } else queue.push(v);
  }
}
const doc = {
  openapi: d.openapi,
  info: { ...d.info, description: "", title: `${d.info.title} (cut: ${Object.keys(paths).length} paths)` },
  servers: d.servers,
  security: [{ bearer: [] }],
  paths,
  components: { ...kept, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
};
let nulls = 0;
const tidy = (n) => {
  if (Array.isArray(n)) return n.forEach(tidy);
  if (!n || typeof n !== "object") return;
  if (n.nullable === true && Array.isArray(n.enum) && !n.enum.includes(null)) { n.enum.push(null); nulls++; }
  for (const k of Object.keys(n)) {
    if (k === "description" && typeof n[k] === "string") n[k] = "";
    else tidy(n[k]);
  }
};
const copy = JSON.parse(JSON.stringify(doc));
tidy(copy);
fs.writeFileSync(outDocument, JSON.stringify(copy));

// --- the mix, checked against the cut ---------------------------------------------------------------------------
const resolve = (n) => {
  for (let hops = 0; n && n.$ref && hops < 20; hops++) {
    const [, , kind, name] = n.$ref.split("/");
    n = copy.components[kind][name];
  }
  return n;
};
const param = (path, method, name) => {
  const all = [...(copy.paths[path].parameters || []), ...(copy.paths[path][method].parameters || [])].map(resolve);
  const p = all.find((x) => x.name === name);
  if (!p) throw new Error(`${method} ${path} has no parameter ${name}`);
  return p;
};
const bodySchema = (path, method) => resolve(copy.paths[path][method].requestBody.content["application/json"].schema);
const expect = (cond, what) => { if (!cond) throw new Error(`the cut no longer fits the mix: ${what}`); };

expect(param("/search/repositories", "get", "q").required === true, "q is required on /search/repositories");
expect(resolve(param(`${OWNER_REPO}/issues`, "get", "per_page").schema).type === "integer", "per_page is an integer");
expect(resolve(param(`${OWNER_REPO}/issues`, "get", "state").schema).enum.includes("open"), "state is an enum");
expect(resolve(param(`${OWNER_REPO}/issues`, "get", "since").schema).format === "date-time", "since is a date-time");
expect(resolve(param(`${OWNER_REPO}/issues/{issue_number}`, "get", "issue_number").schema).type === "integer",
  "issue_number is an integer");
expect(!copy.paths["/users/{username}"].delete, "DELETE /users/{username} is not documented");
const issue = bodySchema(`${OWNER_REPO}/issues`, "post");
expect((issue.required || []).includes("title"), "an issue needs a title");
expect(resolve(issue.properties.assignees).type === "array", "assignees is an array");
expect(copy.paths[`${OWNER_REPO}/issues`].post.requestBody.required === true, "POST issues requires a body");
const edit = bodySchema(`${OWNER_REPO}/issues/{issue_number}`, "patch");
expect(resolve(edit.properties.state).enum.includes("closed"), "an issue's state is an enum");
const milestone = bodySchema(`${OWNER_REPO}/milestones`, "post");
expect(resolve(milestone.properties.due_on).format === "date-time", "a milestone's due_on is a date-time");
expect(!copy.paths[`${OWNER_REPO}/issues`].post.requestBody.content["application/xml"], "issues take no XML");

const J = "application/json";
const R = "/repos/octo/hello";
const mix = [
  ["list-issues", true, "GET", `${R}/issues?state=open&per_page=10`, "", "", true, "list with enum and integer query"],
  ["get-issue", true, "GET", `${R}/issues/12`, "", "", true, "integer path parameter"],
  ["get-user", true, "GET", "/users/octocat", "", "", true, "one user"],
  ["search-repos", true, "GET", "/search/repositories?q=covenant", "", "", true, "required query parameter"],
  ["get-repo", true, "GET", R, "", "", true, "one repository (a large schema)"],
  ["create-issue", true, "POST", `${R}/issues`, J, '{"title":"Found a bug","labels":["bug"]}', true, "JSON body"],
  ["update-issue", true, "PATCH", `${R}/issues/12`, J, '{"state":"closed"}', true, "JSON body with an enum"],
  ["org-repos", true, "GET", "/orgs/acme/repos?type=public", "", "", true, "enum query parameter"],
  ["unknown-path", false, "GET", "/nowhere/at/all", "", "", true, "path not in the document"],
  ["wrong-method", false, "DELETE", "/users/octocat", "", "", true, "method not documented"],
  ["no-credentials", false, "GET", `${R}/issues`, "", "", false, "security requirement not met (no Authorization)"],
  ["path-type", false, "GET", `${R}/issues/abc`, "", "", true, "integer path parameter given text"],
  ["query-type", false, "GET", `${R}/issues?per_page=abc`, "", "", true, "integer query parameter given text"],
  ["query-enum", false, "GET", `${R}/issues?state=bogus`, "", "", true, "query value outside its enum"],
  ["query-format", false, "GET", `${R}/issues?since=yesterday`, "", "", true, "date-time query parameter given text"],
  ["query-missing", false, "GET", "/search/repositories", "", "", true, "required query parameter missing"],
  ["body-malformed", false, "POST", `${R}/issues`, J, '{"title": "x",', true, "body is not JSON"],
  ["body-missing", false, "POST", `${R}/issues`, "", "", true, "required body missing"],
  ["body-missing-field", false, "POST", `${R}/issues`, J, '{"body":"no title"}', true, "required body field missing"],
  ["body-type", false, "POST", `${R}/issues`, J, '{"title":"x","assignees":"octocat"}', true,
    "array body field given a string"],
  ["body-enum", false, "PATCH", `${R}/issues/12`, J, '{"state":"bogus"}', true, "body value outside its enum"],
  ["body-format", false, "POST", `${R}/milestones`, J, '{"title":"v1","due_on":"next week"}', true,
    "date-time body field given text"],
  ["content-type", false, "POST", `${R}/issues`, "application/xml", "<issue/>", true, "undeclared content type"],
  ["not-acceptable", false, "GET", "/users/octocat", "", "", true, "Accept: application/xml (no response is XML)"],
];
const tsv = mix.map((m) => m.map((x) => String(x).replace(/[\t\n]/g, " ")).join("\t")).join("\n") + "\n";
fs.writeFileSync(outMix, tsv);
const ops = Object.values(paths).reduce((n, p) => n + Object.keys(p).filter((m) => m !== "parameters").length, 0);
console.error(`${outDocument}: ${fs.statSync(outDocument).size} bytes (${JSON.stringify(doc).length} with descriptions),`
  + ` ${Object.keys(paths).length} paths, ${ops} operations, components: `
  + Object.entries(kept).map(([k, v]) => `${Object.keys(v).length} ${k}`).join(", ")
  + `; bearer security added; null added to ${nulls} enums; mix: ${mix.filter((m) => m[1]).length} valid,`
  + ` ${mix.filter((m) => !m[1]).length} invalid -> ${outMix}`);
