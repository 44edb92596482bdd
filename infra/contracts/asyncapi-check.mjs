#!/usr/bin/env node
// Checks an AsyncAPI 3 document: the AsyncAPI parser (schema of the spec, references, its built-in Spectral rules), then
// every example in the document and every sample given, against the message schemas (validate-messages.mjs, strict).
//
//   node infra/contracts/asyncapi-check.mjs ASYNCAPI.json [--examples PATH]... [--message NAME=FILE]...
//
// --examples PATH: a file or folder of samples, each one's message found from its name or schema member
// (validate-messages.mjs --auto). --message NAME=FILE: FILE is a NAME message.
// Fails on any diagnostic of severity error or warning, except the ones listed in ACCEPTED with the reason.
// Prints one line of counts on success.
import fs from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { loadContract, validateEmbeddedExamples, validateFiles, expandPaths } from './validate-messages.mjs';

/**
 * Error or warning diagnostics (by code) that do not fail the check, each with the reason; empty today. (The parser's
 * `asyncapi-latest-version`, which suggests 3.1.0, is only informational: the document is 3.0.0 on purpose, the
 * version the contract's tooling and most AsyncAPI tools read.)
 */
const ACCEPTED = new Map([]);
const SEVERITY = ['error', 'warning', 'info', 'hint'];

async function main(argv) {
  const [documentPath, ...rest] = argv;
  if (!documentPath) {
    console.error('usage: asyncapi-check.mjs ASYNCAPI.json [--examples PATH]... [--message NAME=FILE]...');
    return 2;
  }
  const examplePaths = [];
  const named = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--examples' && i + 1 < rest.length) examplePaths.push(rest[++i]);
    else if (rest[i] === '--message' && i + 1 < rest.length && rest[i + 1].includes('=')) {
      const [name, file] = rest[++i].split(/=(.*)/s);
      named.push({ name, file });
    } else {
      console.error(`asyncapi-check: unknown argument ${rest[i]}`);
      return 2;
    }
  }

  const problems = [];
  const parser = new Parser();
  const { document, diagnostics } = await parser.parse(fs.readFileSync(documentPath, 'utf8'), { source: documentPath });
  let accepted = 0;
  for (const d of diagnostics) {
    if (d.severity > 1) continue; // info and hints never fail
    if (ACCEPTED.has(d.code)) { accepted++; continue; }
    problems.push(`${SEVERITY[d.severity]} ${d.code} at /${(d.path ?? []).join('/')}: ${d.message}`);
  }
  if (!document && problems.length === 0) problems.push('the parser returned no document');

  let examples = 0;
  let files = 0;
  if (document) {
    const contract = loadContract(documentPath, { strict: true });
    const embedded = validateEmbeddedExamples(contract);
    examples = embedded.count;
    problems.push(...embedded.problems);
    const samples = expandPaths(examplePaths);
    files = samples.length + named.length;
    problems.push(...validateFiles(contract, samples));
    for (const { name, file } of named) {
      const id = contract.messages.has(name) ? name
        : [...contract.messages.entries()].find(([, m]) => m.name === name)?.[0];
      if (!id) problems.push(`--message ${name}: no such message`);
      else problems.push(...validateFiles(contract, [file], id));
    }
    const channels = document.channels().length;
    const operations = document.operations().length;
    const messages = document.allMessages().length;
    if (problems.length === 0) {
      console.log(`asyncapi ${document.version()}: ${channels} channels, ${operations} operations, ${messages} messages, ${examples} examples and ${files} sample files valid${accepted ? ` (${accepted} accepted diagnostic)` : ''}`);
      return 0;
    }
  }
  for (const p of problems) console.error(`asyncapi-check: ${p}`);
  return 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(`asyncapi-check: ${e.stack ?? e.message}`);
  process.exitCode = 1;
}
