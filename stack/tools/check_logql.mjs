// Parses every LogQL query of the dashboards (JSON lines from `check_stack.py list-queries`
// on stdin) with Grafana's own LogQL grammar (@grafana/lezer-logql). Used by validate.sh.
import { parser } from "@grafana/lezer-logql";
import { readFileSync } from "fs";

const queries = readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l))
  .filter((q) => q.datasource === "loki");
let errors = 0;
for (const q of queries) {
  let at = null;
  parser.parse(q.expr).iterate({ enter: (node) => { if (node.type.isError && at === null) at = node.from; } });
  if (at !== null) {
    errors++;
    console.log(`PROBLEM: ${q.dashboard} '${q.panel}': LogQL parse error at ${at}: ${q.expr}`);
  }
}
console.log(`${queries.length} LogQL queries, ${errors} parse errors`);
process.exit(errors || queries.length === 0 ? 1 : 0);
