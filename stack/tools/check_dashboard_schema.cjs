// Validates dashboard JSON files (arguments) against a JSON schema generated from the
// Dashboard type of @grafana/schema (the Grafana version the stack runs), with ajv.
// Used by validate.sh: Grafana publishes no ready JSON schema for dashboards.
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const { createGenerator } = require("ts-json-schema-generator");

const types = path.join(path.dirname(require.resolve("@grafana/schema/package.json")),
  "dist/esm/raw/dashboard/x/dashboard_types.gen.d.ts");
const schema = createGenerator({ path: types, type: "Dashboard", skipTypeCheck: true, additionalProperties: true })
  .createSchema("Dashboard");
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
let bad = 0;
for (const file of process.argv.slice(2)) {
  if (validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
    console.log(`${path.basename(file)}: valid`);
  } else {
    bad++;
    console.log(`PROBLEM: ${path.basename(file)}:`);
    for (const e of validate.errors.slice(0, 20)) console.log(`  ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(bad ? 1 : 0);
