// A partner's typed client of the register, compiled (never run) by infra/contract-check against the types that
// openapi-typescript generates from the OpenAPI document: if the document stops describing what a client relies on
// (the shapes, enums, optional members and problem codes the API answers with), this stops compiling. Module "#openapi"
// is the generated file; the check maps it with a tsconfig of its own, and tsconfig.json here maps it to
// generated/openapi.d.ts for editors. Every call goes through openapi-fetch typed by the generated `paths`, so a path,
// a parameter or a body member the document does not have is a compile error too.
import createClient from "openapi-fetch";
import type { components, paths } from "#openapi";

type Schemas = components["schemas"];
type CreditStatus = "serious-dishonesty" | "general-dishonesty" | "trustworthy" | "no-record";
type MeasureKind = "incentive" | "constraint" | "joint-punishment";
type Decision = "restricted" | "enhanced-review" | "allowed";

// The document's enums are exactly these unions, both ways: a value added to or dropped from either side fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesAgree: Same<Schemas["CreditStatus"], CreditStatus> = true;
const measureKindsAgree: Same<Schemas["MeasureKind"], MeasureKind> = true;
const decisionsAgree: Same<Schemas["RestrictionDecision"], Decision> = true;
export const enumsAgree = [statusesAgree, measureKindsAgree, decisionsAgree];

/** A refusal as problem+json: the status and the stable code (what a client tests, never the text). */
export interface Refusal {
  status: number;
  code: string;
  /** Several problems at once (objections): each one's code. */
  conditions: string[];
}

function client(baseUrl: string, accessToken: string, functionKey: string) {
  return createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${accessToken}`, "x-functions-key": functionKey },
  });
}

type Problem = Schemas["Problem"];

function refusal(response: Response, problem: Problem): Refusal {
  const code: string = problem.code;
  return { status: response.status, code, conditions: (problem.conditions ?? []).map(c => c.code) };
}

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

export async function creditOf(baseUrl: string, accessToken: string, functionKey: string, subjectId: string, asOf?: string): Promise<CreditSummary | Refusal> {
  const { data, error, response } = await client(baseUrl, accessToken, functionKey).GET("/api/subjects/{id}/credit", {
    params: { path: { id: subjectId }, query: { asOf } },
  });
  if (error !== undefined) {
    return refusal(response, error);
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

/** May the subject do this business: the decision and, for each reason, its article, records and sentence. */
export interface RestrictionAnswer {
  decision: Decision;
  reasons: { article: string; recordIds: string[]; zh: string | undefined; en: string | undefined }[];
  exempt: string[];
}

export async function restrictionsOf(
  baseUrl: string, accessToken: string, functionKey: string, subjectId: string, business: string, asOf?: string,
): Promise<RestrictionAnswer | Refusal> {
  const { data, error, response } = await client(baseUrl, accessToken, functionKey).GET("/api/subjects/{id}/restrictions", {
    params: { path: { id: subjectId }, query: { business, asOf } },
  });
  if (error !== undefined) {
    // missing-business, unknown-business-type, invalid-subject-id, invalid-date, unauthenticated, forbidden, storage-unavailable
    return refusal(response, error);
  }
  return {
    decision: data.decision,
    reasons: data.reasons.map(r => ({ article: r.article, recordIds: r.recordIds, zh: r.text?.zh, en: r.text?.en })),
    exempt: data.exemptions.map(e => e.article),
  };
}

/** One screened subject: its decision, or the code of the problem that refused its id alone. */
export type Screened =
  | { index: number; subjectId: string; status: CreditStatus; decision: Decision }
  | { index: number; subjectId: string; refused: string };

export async function screen(
  baseUrl: string, accessToken: string, functionKey: string, business: string, subjects: string[],
): Promise<Screened[] | Refusal> {
  const { data, error, response } = await client(baseUrl, accessToken, functionKey).POST("/api/screenings", {
    body: { business, subjects },
  });
  if (error !== undefined) {
    // too-many-subjects, missing-subjects, body-too-large, invalid-json, …
    return refusal(response, error);
  }
  return data.results.map((r): Screened => {
    if (r.problem !== undefined) {
      return { index: r.index, subjectId: r.subjectId, refused: r.problem.code };
    }
    if (r.status === undefined || r.decision === undefined) {
      throw new Error(`screening result ${r.index} has neither an answer nor a problem`);
    }
    return { index: r.index, subjectId: r.subjectId, status: r.status, decision: r.decision };
  });
}

/** An objection filed: where to follow it and the day the unit must decide by. */
export interface Filed {
  objectionId: string;
  status: Schemas["CaseStatus"];
  dueOn: string;
}

export async function objectTo(
  baseUrl: string, accessToken: string, functionKey: string, subjectId: string, recordId: string, reason: string, evidence: string[] = [],
): Promise<Filed | Refusal> {
  const { data, error, response } = await client(baseUrl, accessToken, functionKey).POST("/api/objections", {
    body: { subjectId, recordId, reason, evidence },
  });
  if (error !== undefined) {
    // 409 objection-already-open, 422 record-not-shown or objection-to-court, 404 record-not-found, 403 not-own-subject, …
    return refusal(response, error);
  }
  return { objectionId: data.objectionId, status: data.status, dueOn: data.dueOn };
}
