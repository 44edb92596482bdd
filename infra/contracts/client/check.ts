// A partner's typed client of the register, compiled (never run) by infra/contract-check against the types that
// openapi-typescript generates from the OpenAPI document: if the document stops describing what a client relies on
// (contract "Shapes that clients rely on"), this stops compiling. Module "#openapi" is the generated file; the check
// maps it with a tsconfig of its own, and tsconfig.json here maps it to generated/openapi.d.ts for editors.
import createClient from "openapi-fetch";
import type { paths } from "#openapi";

type CreditStatus = "serious-dishonesty" | "general-dishonesty" | "trustworthy" | "no-record";
type MeasureKind = "incentive" | "constraint";

/** What a partner app shows of a subject's credit: every member it reads is one the contract promises. */
export interface CreditSummary {
  subjectId: string;
  subjectName: string | undefined;
  asOf: string;
  status: CreditStatus;
  records: { recordId: string; kind: string; severity: string | undefined; decisionDate: string; expiresOn: string | undefined; underObjection: boolean }[];
  measures: { code: string; article: string; kind: MeasureKind; zh: string; en: string }[];
  catalogueVersion: string;
}

/** A refusal as problem+json: the stable code and the status. */
export interface Refusal {
  status: number;
  code: string;
}

export async function creditOf(baseUrl: string, accessToken: string, functionKey: string, subjectId: string, asOf?: string): Promise<CreditSummary | Refusal> {
  const client = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${accessToken}`, "x-functions-key": functionKey },
  });
  const { data, error, response } = await client.GET("/api/subjects/{id}/credit", {
    params: { path: { id: subjectId }, query: { asOf } },
  });
  if (error !== undefined) {
    const code: string = error.code;
    return { status: response.status, code };
  }
  return {
    subjectId: data.subject.id,
    subjectName: data.subject.name,
    asOf: data.asOf,
    status: data.status,
    records: data.records.map(r => ({
      recordId: r.recordId,
      kind: r.kind,
      severity: r.severity,
      decisionDate: r.decisionDate,
      expiresOn: r.expiresOn,
      underObjection: r.underObjection,
    })),
    measures: data.measures.map(m => ({ code: m.code, article: m.article, kind: m.kind, zh: m.name.zh, en: m.name.en })),
    catalogueVersion: data.catalogueVersion,
  };
}
