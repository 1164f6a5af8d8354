// The Pyodide half of benchmarks/hostile_inputs.py: load Pyodide offline, install the checker wheel, run the same
// measure() function on the same inputs there and write its figures as JSON.
//
//   node benchmarks/hostile_inputs.mjs --checker-wheel FILE --inputs FILE --module FILE --out FILE

import fs from "node:fs";
import { installWheel, loadOfflinePyodide, networkAttempts } from "../tests/pyodide/pyodide_node.mjs";

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    options[argv[i].replace(/^--/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase())] = argv[i + 1];
  }
  for (const required of ["checkerWheel", "inputs", "module", "out"]) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { pyodide, version } = await loadOfflinePyodide();
  installWheel(pyodide, options.checkerWheel);
  pyodide.FS.mkdirTree("/bench");
  pyodide.FS.writeFile("/bench/hostile_inputs.py", fs.readFileSync(options.module));
  pyodide.FS.writeFile("/bench/inputs.json", fs.readFileSync(options.inputs));
  const figures = pyodide.runPython(`
import base64, json, sys
sys.path.insert(0, "/bench")
import hostile_inputs
with open("/bench/inputs.json", encoding="utf-8") as handle:
    spec = json.load(handle)
inputs = [(name, base64.b64decode(data)) for name, data in spec["inputs"]]
scenarios = [base64.b64decode(data) for data in spec["scenarios"]]
json.dumps(hostile_inputs.measure(inputs, scenarios, repeats=spec["repeats"], on=spec["on"]))
`);
  if (networkAttempts().length > 0) throw new Error(`network requests attempted: ${networkAttempts().join(", ")}`);
  const result = JSON.parse(figures);
  result.pyodide = version;
  fs.writeFileSync(options.out, JSON.stringify(result, null, 1));
}

try {
  await main();
} catch (error) {
  console.error("hostile_inputs.mjs:", error?.stack ?? error);
  process.exitCode = 1;
}
