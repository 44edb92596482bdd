// The console's one way to the HTTP API: the same routes partners use, with the official's identity.
//
// In Azure (mode "azure") App Service authentication has signed the official in: the browser's session cookie goes with
// every same-origin call and App Service passes the principal to the app; the page sends the console's function key
// (x-functions-key, from the page's meta) so the call passes the Functions host's key check. Locally (mode "development")
// nothing signs anyone in: the development sign-in's choice is sent as X-MS-CLIENT-PRINCIPAL, built as
// ClientPrincipalReader.Encode builds it, which ./infra/run trusts.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;

/** What the server put in the page: the mode, and in Azure who is signed in and the console's key. */
export const page = {
  mode: meta('console-mode') ?? 'unavailable',
  roles: (meta('console-roles') ?? '').split(' ').filter((r) => r.length > 0),
  unit: meta('console-unit'),
  name: meta('console-name'),
  functionKey: meta('console-function-key'),
};

const SESSION_KEY = 'credit-console-development-sign-in';

/** The development sign-in kept for this tab only (sessionStorage), or null. */
export function developmentSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    return stored && typeof stored.role === 'string' ? stored : null;
  } catch {
    return null;
  }
}

export function startDevelopmentSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function endDevelopmentSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** The header value App Service would send: base64 of UTF-8 JSON {"auth_typ","claims":[{"typ","val"}]}. */
export function encodePrincipal({ role, unit, name }) {
  const claims = [{ typ: 'roles', val: role }];
  if (unit) {
    claims.push({ typ: 'unit', val: unit });
  }
  if (name) {
    claims.push({ typ: 'name', val: name });
  }
  const bytes = new TextEncoder().encode(JSON.stringify({ auth_typ: 'aad', claims }));
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

/**
 * Calls the API. Answers { status, ok, body, problem }: body is the JSON answer, problem the RFC 9457 problem (with its
 * code, zh and en) when the API refused, or one of ours when there was no answer at all.
 */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (page.mode === 'development') {
    const session = developmentSession();
    if (session) {
      headers['X-MS-CLIENT-PRINCIPAL'] = encodePrincipal(session);
    }
  } else if (page.functionKey) {
    headers['x-functions-key'] = page.functionKey;
  }

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    return { status: 0, ok: false, body: null, problem: unreachable(String(error)) };
  }

  const type = response.headers.get('Content-Type') ?? '';
  let json = null;
  if (type.includes('json')) {
    try {
      json = await response.json();
    } catch {
      json = null;
    }
  }

  if (response.ok) {
    return { status: response.status, ok: true, body: json, problem: null };
  }
  return { status: response.status, ok: false, body: null, problem: json?.code ? json : withoutBody(response.status) };
}

/** A refusal that came without a problem body: the Functions host's own 401 (no or wrong function key), a 404, … */
function withoutBody(status) {
  if (status === 401) {
    return {
      status,
      code: 'unauthenticated',
      zh: { title: '未通过身份验证', detail: page.mode === 'azure' ? '登录可能已过期，或控制台的函数密钥（Console__FunctionKey）未配置。请重新登录。' : '请先登录。' },
      en: { title: 'Not authenticated', detail: page.mode === 'azure' ? "The sign-in may have expired, or the console's function key (Console__FunctionKey) is not set. Sign in again." : 'Sign in first.' },
    };
  }
  return {
    status,
    code: `http-${status}`,
    zh: { title: `请求失败（${status}）`, detail: '服务没有给出说明。' },
    en: { title: `The request failed (${status})`, detail: 'The service said nothing more.' },
  };
}

function unreachable(detail) {
  return {
    status: 0,
    code: 'unreachable',
    zh: { title: '无法连接服务', detail: '请检查网络后重试。' },
    en: { title: 'The service did not answer', detail },
  };
}
