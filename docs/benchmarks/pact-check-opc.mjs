// Times @pactflow/openapi-pact-comparator on one document and one pact: a cold run, then warm runs in the same
// process (a new Comparator each time, so schemas are recompiled, as for a new document version).
// Usage: node pact-check-opc.mjs <openapi.json> <pact.json> [warmRuns]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const require = createRequire(process.cwd() + "/");
const { Comparator } = require("@pactflow/openapi-pact-comparator");
const [, , docFile, pactFile, runsArg] = process.argv;
const runs = Number(runsArg ?? 5);

let start = performance.now();
const doc = JSON.parse(readFileSync(docFile, "utf8"));
const pact = JSON.parse(readFileSync(pactFile, "utf8"));
const parseMs = performance.now() - start;

async function once() {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const comparator = new Comparator({ oas: structuredClone(doc) });
  const codes = {};
  for await (const result of comparator.compare(pact)) {
    const key = `${result.code}/${result.type}`;
    codes[key] = (codes[key] ?? 0) + 1;
  }
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, codes };
}

const cold = await once();
const warm = [];
const warmCpu = [];
for (let i = 0; i < runs; i++) {
  const run = await once();
  warm.push(run.ms);
  warmCpu.push(run.cpuMs);
}
warm.sort((a, b) => a - b);
warmCpu.sort((a, b) => a - b);
console.log(JSON.stringify({
  tool: "openapi-pact-comparator 2.3.1",
  node: process.version,
  parseMs: Math.round(parseMs),
  coldMs: Math.round(cold.ms),
  warmMedianMs: Math.round(warm[Math.floor(warm.length / 2)]),
  warmMinMs: Math.round(warm[0]),
  warmMedianCpuMs: Math.round(warmCpu[Math.floor(warmCpu.length / 2)]),
  findings: cold.codes,
}));
