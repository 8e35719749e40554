// Validate .docx files with Microsoft's Open XML SDK (@ooxml-tools/validate) in one process.
// Usage: node validate.mjs FILE.docx [FILE.docx ...]
// Prints one JSON object: {"FILE.docx": [errors...], ...}; the .NET start-up is paid once.
import { readFile } from "node:fs/promises";
import validate from "@ooxml-tools/validate";

const results = {};
for (const path of process.argv.slice(2)) {
  results[path] = await validate(await readFile(path), "docx", "Microsoft365");
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
