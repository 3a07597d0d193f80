#!/usr/bin/env node
// A tiny Prisma generator that writes the full DMMF (models, fields, uniques, indexes) to JSON.
// tests/integration/schema-drift.test.ts compares it with the migrated database's catalog,
// because `prisma migrate diff` needs the native schema engine, which cannot run here.
const { generatorHandler } = require("@prisma/generator-helper");
const fs = require("node:fs");
const path = require("node:path");

generatorHandler({
  onManifest: () => ({ defaultOutput: "../lib/generated/dmmf.json", prettyName: "DMMF as JSON" }),
  onGenerate: async (options) => {
    const out = options.generator.output.value;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(options.dmmf.datamodel, null, 1));
  },
});
