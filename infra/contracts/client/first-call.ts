// A partner's first call through a client generated from the register's OpenAPI document (docs/partners.md, "6.
// Generated client"). Compiled with the types openapi-typescript writes to generated/openapi.d.ts, then run with node:
//   node generated/first-call.js <base url> <subject id>
// Locally (./infra/run) it sends the development principal header; against Azure set TOKEN and FUNCTION_KEY and it
// sends the bearer token and the function key instead. infra/contract-check compiles it with check.ts, so it keeps
// compiling against the document the app serves.
import createClient from "openapi-fetch";
import type { paths } from "#openapi";

const [baseUrl = "http://127.0.0.1:7071", subjectId = "91310110666007217T"] = process.argv.slice(2);
const token = process.env["TOKEN"];
const localPartner = Buffer.from(JSON.stringify({
  claims: [
    { typ: "roles", val: "partner" },
    { typ: "oid", val: "11111111-2222-4333-8444-555555555555" },
    { typ: "name", val: "generated client" },
  ],
})).toString("base64");

const api = createClient<paths>({
  baseUrl,
  headers: token
    ? { Authorization: `Bearer ${token}`, "x-functions-key": process.env["FUNCTION_KEY"] ?? "" }
    : { "X-MS-CLIENT-PRINCIPAL": localPartner },
});

const { data, error, response } = await api.GET("/api/subjects/{id}/credit", { params: { path: { id: subjectId } } });
if (error !== undefined) {
  // A refusal is problem+json: test its stable code, never the text.
  console.error(`${response.status} ${error.code}: ${error.title}`);
  process.exit(1);
}

console.log(`${data.subject.id} ${data.subject.name ?? ""}: ${data.status} as of ${data.asOf}`);
for (const record of data.records) {
  console.log(`  ${record.recordId} ${record.kind}, decided ${record.decisionDate}, shown until ${record.expiresOn ?? "-"}`);
}
for (const measure of data.measures) {
  console.log(`  ${measure.article} ${measure.name.zh} / ${measure.name.en}`);
}
