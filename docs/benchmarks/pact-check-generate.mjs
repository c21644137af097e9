// Generates a pact of N HTTP interactions against an OpenAPI 3 document (default: GitHub's api.github.com.json):
// operations in document order (cycled), path/query/header parameters filled from their schemas, a sample JSON
// request body where one is declared, and the first 2xx response with a sample body built from its schema.
// Deterministic: same document, same pact. Usage: node pact-check-generate.mjs <openapi.json> <count> > pact.json
import { readFileSync } from "node:fs";

const [, , file, countArg] = process.argv;
const doc = JSON.parse(readFileSync(file, "utf8"));
const count = Number(countArg ?? 1000);

const resolve = (node, seen = 0) =>
  node && node.$ref && seen < 20
    ? resolve(node.$ref.slice(2).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((n, t) => (n ? n[t] : undefined), doc), seen + 1)
    : node;

function sample(schema, depth) {
  schema = resolve(schema);
  if (!schema || depth > 4) return null;
  if (schema.enum) return schema.enum.find((v) => v !== null) ?? null;
  if (schema.const !== undefined) return schema.const;
  if (schema.allOf) {
    return schema.allOf.map((s) => sample(s, depth)).reduce((a, b) =>
      a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) ? { ...a, ...b } : b ?? a, null);
  }
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) return sample(branches.find((b) => resolve(b)?.type !== "null") ?? branches[0], depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type ?? (schema.properties ? "object" : schema.items ? "array" : "string")) {
    case "object": {
      const out = {};
      const required = new Set(schema.required ?? []);
      const names = Object.keys(schema.properties ?? {});
      for (const name of names.filter((n) => required.has(n)).concat(names.filter((n) => !required.has(n)).slice(0, 3))) {
        out[name] = sample(schema.properties[name], depth + 1);
      }
      return out;
    }
    case "array":
      return depth > 3 ? [] : [sample(schema.items, depth + 1)];
    case "integer":
      return Math.max(1, schema.minimum ?? 1);
    case "number":
      return Math.max(1, schema.minimum ?? 1);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      if (schema.format === "date-time") return "2024-01-01T00:00:00Z";
      if (schema.format === "date") return "2024-01-01";
      if (schema.format === "uri") return "https://example.com/x";
      if (schema.format === "email") return "octocat@example.com";
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
  }
}

const scalar = (schema) => {
  const value = sample(schema, 0);
  return Array.isArray(value) ? value.join(",") : typeof value === "object" && value !== null ? "x" : String(value);
};

const operations = [];
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of ["get", "put", "post", "patch", "delete"]) {
    if (item[method]) operations.push({ path, method, op: item[method], shared: item.parameters ?? [] });
  }
}

const interactions = [];
for (let i = 0; interactions.length < count; i++) {
  const { path, method, op, shared } = operations[i % operations.length];
  const parameters = [...(op.parameters ?? []), ...shared].map((p) => resolve(p));
  let concrete = path;
  const query = {};
  const headers = {};
  for (const p of parameters) {
    if (p.in === "path") concrete = concrete.replace(`{${p.name}}`, encodeURIComponent(scalar(p.schema)));
    if (p.in === "query" && p.required) query[p.name] = [scalar(p.schema)];
    if (p.in === "header" && p.required) headers[p.name] = scalar(p.schema);
  }
  const request = { method: method.toUpperCase(), path: concrete };
  if (Object.keys(query).length) request.query = query;
  const body = resolve(op.requestBody)?.content?.["application/json"]?.schema;
  if (body) {
    headers["Content-Type"] = "application/json";
    request.body = sample(body, 0);
  }
  if (Object.keys(headers).length) request.headers = headers;
  const [status, declared] = Object.entries(op.responses ?? {}).find(([s]) => /^2\d\d$/.test(s)) ?? ["200", {}];
  const response = { status: Number(status) };
  const media = resolve(declared)?.content?.["application/json"];
  if (media?.schema) {
    response.headers = { "Content-Type": "application/json" };
    response.body = sample(media.schema, 0);
  }
  interactions.push({ description: `${interactions.length} ${method.toUpperCase()} ${path}`, request, response });
}

process.stdout.write(JSON.stringify({
  consumer: { name: "bench-consumer" },
  provider: { name: "github" },
  interactions,
  metadata: { pactSpecification: { version: "3.0.0" } },
}));
