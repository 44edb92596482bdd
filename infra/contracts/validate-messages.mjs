#!/usr/bin/env node
// Validates JSON messages against the message schemas of an AsyncAPI 3 document, with Ajv (JSON Schema draft-07,
// the default format of AsyncAPI Schema Objects). Used by infra/contract-check; runnable alone:
//
//   node infra/contracts/validate-messages.mjs ASYNCAPI.json [--strict] MESSAGE FILE...
//   node infra/contracts/validate-messages.mjs ASYNCAPI.json [--strict] --auto PATH...
//   node infra/contracts/validate-messages.mjs ASYNCAPI.json [--strict] --embedded
//
// MESSAGE is a key of components/messages (`creditRecords`) or a message's `name` (`credit-records`). With --auto each
// PATH is a file or a folder of *.json files, and each file's message is found from its name (`creditRecords.json`,
// `creditRecords.second.json`, or a folder named by the message), else from its `schema` member
// (`credit-records/v1`), signed (JWS) messages from the `schema` member of their decoded payload. --embedded validates
// the examples inside the document itself (payloads and headers). --strict also refuses members a schema does not
// declare (every object schema with `properties` is read as `additionalProperties: false`), to catch typos in
// examples and members the code writes that the document lacks.
//
// A message may carry `x-jws: {protectedHeader: {$ref}, payload: {$ref}}`: its payload is a JWS in the flattened JSON
// serialization, and the decoded protected header and payload are validated against those schemas too.
//
// Exit 0 when everything is valid (prints one line of counts), 1 with every problem listed otherwise, 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const COMPONENTS_ID = 'asyncapi:components';
const LOCAL_SCHEMA_REF = '#/components/schemas/';

/** Loads an AsyncAPI document and compiles validators for its messages. */
export function loadContract(documentPath, { strict = false } = {}) {
  const document = JSON.parse(fs.readFileSync(documentPath, 'utf8'));
  const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, verbose: false });
  addFormats(ajv);
  const schemas = document.components?.schemas ?? {};
  ajv.addSchema({ $id: COMPONENTS_ID, definitions: prepare(schemas, strict) });

  const compiled = new Map();
  const validatorFor = schema => {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) compiled.set(key, ajv.compile(prepare(jsonSchemaOf(schema), strict)));
    return compiled.get(key);
  };
  const messages = collectMessages(document);
  return { document, messages, validatorFor };
}

/** Every message of the document: components/messages and messages written inline in channels. Keyed by id. */
function collectMessages(document) {
  const messages = new Map();
  for (const [id, message] of Object.entries(document.components?.messages ?? {})) {
    messages.set(id, message);
  }
  for (const [channelId, channel] of Object.entries(document.channels ?? {})) {
    for (const [id, message] of Object.entries(channel?.messages ?? {})) {
      if (!message.$ref && !messages.has(id)) messages.set(`${channelId}/${id}`, message);
    }
  }
  return messages;
}

/** A payload or headers member may be a Schema Object or a Multi Format Schema Object; only JSON Schema is read here. */
function jsonSchemaOf(schema) {
  if (schema && typeof schema === 'object' && 'schemaFormat' in schema) {
    if (!/^application\/(schema\+json;version=draft-07|vnd\.aai\.asyncapi(\+json)?(;version=[0-9.]+)?)$/.test(schema.schemaFormat)) {
      throw new Error(`unsupported schemaFormat ${schema.schemaFormat}`);
    }
    return schema.schema;
  }
  return schema;
}

/** A copy with local component refs made absolute (so any part compiles alone) and, when strict, closed objects. */
function prepare(schema, strict) {
  if (Array.isArray(schema)) return schema.map(s => prepare(s, strict));
  if (!schema || typeof schema !== 'object') return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) continue; // AsyncAPI extensions are not JSON Schema keywords
    if (key === '$ref' && typeof value === 'string' && value.startsWith(LOCAL_SCHEMA_REF)) {
      copy.$ref = `${COMPONENTS_ID}#/definitions/${value.slice(LOCAL_SCHEMA_REF.length)}`;
    } else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      throw new Error(`only refs to ${LOCAL_SCHEMA_REF}… are supported in schemas, not ${value}`);
    } else if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, prepare(s, strict)]));
    } else if (key === 'examples' || key === 'enum' || key === 'const' || key === 'default' || key === 'required') {
      copy[key] = value;
    } else {
      copy[key] = prepare(value, strict);
    }
  }
  if (strict && copy.type === 'object' && copy.properties && !('additionalProperties' in copy)) {
    copy.additionalProperties = false;
  }
  return copy;
}

function resolveMessage(document, message) {
  if (message?.$ref) {
    const match = /^#\/components\/messages\/([^/]+)$/.exec(message.$ref);
    if (!match) throw new Error(`unsupported message ref ${message.$ref}`);
    return document.components.messages[match[1]];
  }
  return message;
}

function resolveSchemaRef(document, schema) {
  const match = schema?.$ref && /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref);
  return match ? document.components.schemas[match[1]] : schema;
}

function formatErrors(errors) {
  return (errors ?? []).filter(e => e.keyword !== 'if').map(e => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
}

function decodeJson(base64url, what) {
  try {
    return JSON.parse(Buffer.from(base64url, 'base64url').toString('utf8'));
  } catch (e) {
    throw new Error(`${what} is not base64url of JSON: ${e.message}`);
  }
}

/** Problems of one message instance (payload, and headers when given) against a message definition. */
export function validateMessage(contract, messageId, payload, headers) {
  const message = resolveMessage(contract.document, contract.messages.get(messageId));
  if (!message) return [`no message ${messageId} in the document`];
  const problems = [];
  if (message.payload) {
    const validate = contract.validatorFor(message.payload);
    if (!validate(payload)) problems.push(...formatErrors(validate.errors).map(p => `payload ${p}`));
  }
  if (headers !== undefined) {
    if (!message.headers) problems.push('headers given, but the message defines none');
    else {
      const validate = contract.validatorFor(message.headers);
      if (!validate(headers)) problems.push(...formatErrors(validate.errors).map(p => `headers ${p}`));
    }
  }
  const jws = message['x-jws'];
  if (jws && problems.length === 0) {
    try {
      const header = decodeJson(payload.protected, 'protected');
      const inner = decodeJson(payload.payload, 'payload');
      for (const [what, schema, value] of [['protected header', jws.protectedHeader, header], ['signed payload', jws.payload, inner]]) {
        if (!schema) continue;
        const validate = contract.validatorFor(schema);
        if (!validate(value)) problems.push(...formatErrors(validate.errors).map(p => `${what} ${p}`));
      }
    } catch (e) {
      problems.push(e.message);
    }
  }
  return problems;
}

/** Problems of every example written in the document (message examples' payloads and headers). */
export function validateEmbeddedExamples(contract) {
  const problems = [];
  let count = 0;
  for (const [id, entry] of contract.messages) {
    const message = resolveMessage(contract.document, entry);
    for (const [i, example] of (message.examples ?? []).entries()) {
      count++;
      const where = `${id} example ${example.name ?? i}`;
      if (!('payload' in example) && !('headers' in example)) problems.push(`${where}: neither payload nor headers`);
      const found = validateMessage(contract, id, example.payload, example.headers);
      problems.push(...found.map(p => `${where}: ${p}`));
    }
  }
  // The examples of the schemas themselves (JSON Schema `examples`, at any depth) must hold too.
  const visit = (schema, where) => {
    if (!schema || typeof schema !== 'object') return;
    for (const [i, value] of (Array.isArray(schema.examples) ? schema.examples : []).entries()) {
      count++;
      const validate = contract.validatorFor(schema);
      if (!validate(value)) problems.push(...formatErrors(validate.errors).map(p => `${where} example ${i}: ${p}`));
    }
    for (const key of ['properties', 'patternProperties', 'definitions']) {
      for (const [name, s] of Object.entries(schema[key] ?? {})) visit(s, `${where}.${name}`);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) (schema[key] ?? []).forEach((s, i) => visit(s, `${where}/${key}/${i}`));
    for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else']) visit(schema[key], `${where}/${key}`);
  };
  for (const [name, schema] of Object.entries(contract.document.components?.schemas ?? {})) visit(schema, `schema ${name}`);
  return { count, problems };
}

/** Which message a sample file is, from its name or its content; null when it cannot be told. */
export function identify(contract, file, value) {
  const ids = [...contract.messages.keys()];
  const byName = name => ids.find(id => id === name) ?? ids.find(id => resolveMessage(contract.document, contract.messages.get(id)).name === name);
  const base = path.basename(file).replace(/\.json$/, '');
  const named = byName(base) ?? byName(base.split('.')[0]) ?? byName(path.basename(path.dirname(file)));
  if (named) return named;

  const constOf = schemaRef => resolveSchemaRef(contract.document, schemaRef)?.properties?.schema?.const;
  if (value && typeof value === 'object' && typeof value.schema === 'string') {
    return ids.find(id => {
      const message = resolveMessage(contract.document, contract.messages.get(id));
      return !message['x-jws'] && constOf(message.payload) === value.schema;
    }) ?? null;
  }
  if (value && typeof value === 'object' && typeof value.payload === 'string' && typeof value.protected === 'string') {
    let inner;
    try { inner = decodeJson(value.payload, 'payload'); } catch { return null; }
    return ids.find(id => {
      const jws = resolveMessage(contract.document, contract.messages.get(id))['x-jws'];
      return jws && constOf(jws.payload) === inner?.schema;
    }) ?? null;
  }
  return null;
}

/** *.json files of the given files and folders (folders recursively), sorted. */
export function expandPaths(paths) {
  const files = [];
  for (const p of paths) {
    if (fs.statSync(p).isDirectory()) {
      for (const entry of fs.readdirSync(p, { recursive: true })) {
        const full = path.join(p, entry);
        if (entry.endsWith('.json') && fs.statSync(full).isFile()) files.push(full);
      }
    } else {
      files.push(p);
    }
  }
  return files.sort();
}

/** Validates sample files; messageId null means find each file's message. */
export function validateFiles(contract, files, messageId = null) {
  const problems = [];
  for (const file of files) {
    let value;
    try {
      value = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not JSON: ${e.message}`);
      continue;
    }
    const id = messageId ?? identify(contract, file, value);
    if (!id) {
      problems.push(`${file}: cannot tell which message it is (name it MESSAGE.json or MESSAGE.*.json, put it in a folder named MESSAGE, or give it a known schema member)`);
      continue;
    }
    problems.push(...validateMessage(contract, id, value).map(p => `${file} (${id}): ${p}`));
  }
  return problems;
}

function main(argv) {
  const args = [...argv];
  const flag = name => { const i = args.indexOf(name); if (i < 0) return false; args.splice(i, 1); return true; };
  const strict = flag('--strict');
  const auto = flag('--auto');
  const embedded = flag('--embedded');
  const [documentPath, ...rest] = args;
  if (!documentPath || (!embedded && rest.length === 0) || (!auto && !embedded && rest.length < 2)) {
    console.error('usage: validate-messages.mjs ASYNCAPI.json [--strict] (MESSAGE FILE... | --auto PATH... | --embedded)');
    return 2;
  }
  const contract = loadContract(documentPath, { strict });
  const problems = [];
  let examples = 0;
  if (embedded) {
    const result = validateEmbeddedExamples(contract);
    examples = result.count;
    problems.push(...result.problems);
  }
  let files = [];
  if (auto) {
    files = expandPaths(rest);
    problems.push(...validateFiles(contract, files));
  } else if (rest.length > 0) {
    const [name, ...paths] = rest;
    const id = contract.messages.has(name) ? name
      : [...contract.messages.keys()].find(k => resolveMessage(contract.document, contract.messages.get(k)).name === name);
    if (!id) {
      console.error(`validate-messages: no message ${name}; the document has: ${[...contract.messages.keys()].join(', ')}`);
      return 2;
    }
    files = expandPaths(paths);
    problems.push(...validateFiles(contract, files, id));
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`validate-messages: ${p}`);
    return 1;
  }
  console.log(`${examples} embedded examples, ${files.length} files valid`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`validate-messages: ${e.message}`);
    process.exitCode = 1;
  }
}
