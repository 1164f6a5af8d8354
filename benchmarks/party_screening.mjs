// The Pyodide half of benchmarks/party_screening.py: load Pyodide offline, install the checker wheel, run the same
// measure_deals() function there on the compiled (SYNTHETIC) lists file and write its figures as JSON.
//
//   node benchmarks/party_screening.mjs --checker-wheel FILE --lists FILE --deals FILE --module FILE --out FILE

import fs from "node:fs";
import { copyFile, installWheel, loadOfflinePyodide, networkAttempts } from "../tests/pyodide/pyodide_node.mjs";

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    options[argv[i].slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = argv[i + 1];
  }
  for (const required of ["checkerWheel", "lists", "deals", "module", "out"]) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { pyodide, version } = await loadOfflinePyodide();
  installWheel(pyodide, options.checkerWheel);
  copyFile(pyodide, options.module, "/bench/party_screening.py");
  copyFile(pyodide, options.lists, "/bench/party_lists.json");
  copyFile(pyodide, options.deals, "/bench/deals.json");
  const figures = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/bench")
import party_screening
with open("/bench/deals.json", encoding="utf-8") as handle:
    deals = json.load(handle)
json.dumps(party_screening.measure_deals("/bench/party_lists.json", deals))
`);
  if (networkAttempts().length > 0) throw new Error(`network requests attempted: ${networkAttempts().join(", ")}`);
  const result = JSON.parse(figures);
  result.pyodide = version;
  fs.writeFileSync(options.out, JSON.stringify(result, null, 1));
}

try {
  await main();
} catch (error) {
  console.error("party_screening.mjs:", error?.stack ?? error);
  process.exitCode = 1;
}
