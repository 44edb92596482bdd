// Words the console shows, Chinese first with English beside it, and dates in China Standard Time.

/** China Standard Time is UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n) => String(n).padStart(2, '0');

/** An instant (ISO 8601) as "2026-12-01 09:30" in China Standard Time. */
export function instant(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return iso ?? '';
  }
  const d = new Date(ms + CST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Today in China Standard Time, YYYY-MM-DD (the API's days are China days too). */
export function today() {
  const d = new Date(Date.now() + CST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** [zh, en] for a word of the API, or the word itself twice when we have no name for it. */
export function word(set, value) {
  return WORDS[set]?.[value] ?? [value ?? '—', value ?? '—'];
}

const WORDS = {
  role: {
    unit: ['报送单位', 'Submitting unit'],
    center: ['市公共信用信息服务中心', 'Credit Information Service Center'],
    admin: ['管理员', 'Administrator'],
  },
  caseKind: {
    objection: ['异议', 'Objection'],
    repair: ['信用修复', 'Credit repair'],
  },
  status: {
    pending: ['待处理', 'Pending'],
    decided: ['已处理', 'Decided'],
  },
  outcome: {
    upheld: ['维持', 'Upheld'],
    corrected: ['更正', 'Corrected'],
    revoked: ['撤销', 'Revoked'],
    approved: ['准予修复', 'Approved'],
    rejected: ['不予修复', 'Rejected'],
  },
  filedAs: {
    subject: ['信用主体本人', 'The subject'],
    center: ['市公共信用信息服务中心代为提出', 'The Center, for the subject'],
  },
  kind: {
    'wage-arrears-list': ['拖欠农民工工资失信联合惩戒对象名单', 'Wage-arrears list'],
    'admin-penalty': ['行政处罚', 'Administrative penalty'],
    'false-materials': ['提供虚假材料等', 'False materials'],
    'commitment-breach': ['违反告知承诺', 'Commitment breach'],
    'other-dishonesty': ['其他失信信息', 'Other dishonesty'],
    'court-dishonest-debtor': ['失信被执行人', 'Dishonest judgment debtor'],
    award: ['表彰奖励', 'Award'],
    'harmonious-labour-enterprise': ['和谐劳动关系企业', 'Harmonious labour-relations enterprise'],
    'other-enhancing': ['其他守信信息', 'Other credit-enhancing'],
  },
  severity: {
    general: ['一般', 'General'],
    serious: ['严重', 'Serious'],
  },
  classification: {
    serious: ['严重失信', 'Serious dishonesty'],
    general: ['一般失信', 'General dishonesty'],
    excluded: ['不认定为失信', 'Excluded'],
    enhancing: ['守信', 'Credit-enhancing'],
    'court-listing': ['法院名单', 'Court listing'],
  },
  state: {
    active: ['公示中', 'Active'],
    excluded: ['不予公示', 'Not published'],
    withdrawn: ['已撤下', 'Withdrawn'],
    revoked: ['已撤销', 'Revoked'],
    repaired: ['已修复', 'Repaired'],
    expired: ['已到期', 'Expired'],
  },
  action: {
    received: ['接收', 'Received'],
    superseded: ['更新版本', 'Superseded'],
    moved: ['转移主体', 'Moved'],
    revoked: ['撤销', 'Revoked'],
    expired: ['到期', 'Expired'],
    'objection-opened': ['提出异议', 'Objection opened'],
    'objection-escalated': ['异议逾期上报', 'Objection escalated'],
    'objection-corrected': ['异议处理：更正', 'Objection: corrected'],
    'objection-revoked': ['异议处理：撤销', 'Objection: revoked'],
    'objection-upheld': ['异议处理：维持', 'Objection: upheld'],
    'repair-applied': ['申请信用修复', 'Repair applied for'],
    repaired: ['信用修复', 'Repaired'],
    'repaired-with-unit': ['随单位一并修复', 'Repaired with the unit'],
    'repair-rejected': ['不予修复', 'Repair rejected'],
  },
  subjectType: {
    unit: ['单位', 'Unit'],
    individual: ['个人', 'Individual'],
  },
};
