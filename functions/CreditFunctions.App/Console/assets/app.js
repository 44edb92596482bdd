// The officials' console (docs/console.md): who is signed in, the navigation their role gets, and the views by the
// location's hash (#/, #/objections/{id}, #/repairs/{id}, #/rejections, #/quality, #/center, #/escalated, #/units/…,
// #/feedback), so every view has an address a link or the back button can reach.

import { bi, h, replace } from './dom.js';
import { call, developmentSession, endDevelopmentSession, page } from './api.js';
import { CENTER_UNIT, developmentBanner, signInForm } from './signin.js';
import { word } from './text.js';
import { renderCase, renderCenter, renderPending } from './cases.js';
import { renderQuality, renderRejections, renderUnitPicker } from './units.js';
import { feedbackAvailable, renderEscalated, renderFeedback } from './admin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const banner = document.getElementById('banner');

/** The catalogue's units (code, name), for names and the sign-in's suggestions; empty if the catalogue cannot be read. */
let units = [];

/** Who is using the console: { role, unit, name, roles }, or null before signing in. */
let user = null;

/** Whether GET /api/feedback/summary exists (200): the administrators' feedback panel is shown only then. */
let feedback = false;

export function unitName(code) {
  const unit = units.find((u) => u.code === code);
  return unit?.name ?? null;
}

function isCenter(u) {
  return u.roles.includes('center') || (u.roles.includes('unit') && u.unit === CENTER_UNIT);
}

/** The role the console is organised around: admin, then the Center, then a unit. */
function primaryRole(u) {
  if (u.roles.includes('admin')) {
    return 'admin';
  }
  if (isCenter(u)) {
    return 'center';
  }
  return u.roles.includes('unit') ? 'unit' : null;
}

async function start() {
  if (page.mode === 'development') {
    banner.replaceChildren(developmentBanner());
  }

  const catalogue = await call('GET', '/api/catalogue');
  units = catalogue.ok ? (catalogue.body?.units ?? []) : [];

  if (page.mode === 'development') {
    const session = developmentSession();
    if (session) {
      await signedIn(session);
    } else {
      showSignIn();
    }
  } else if (page.mode === 'azure') {
    await signedIn({ role: null, roles: page.roles, unit: page.unit, name: page.name });
  } else if (page.mode === 'not-official') {
    showMessage(bi('无权使用控制台', 'Not for this account'),
      bi('您已登录，但不是报送单位、市公共信用信息服务中心或管理员。', 'You are signed in, but not as a submitting unit, the Center or an administrator.'),
      h('a', { href: '/.auth/logout?post_logout_redirect_uri=/api/console/' }, bi('退出并换用其他账号', 'Sign out and use another account')));
  } else {
    showMessage(bi('控制台在此不可用', 'The console cannot be used here'),
      bi('本应用不信任任何登录身份（未启用 App Service 身份验证，也不是本地开发）。',
        'The app believes no signed-in principal here (App Service authentication is off and this is not local development).'));
  }
}

function showMessage(title, ...body) {
  nav.replaceChildren();
  replace(main, h('section', { class: 'card' }, h('h1', { tabindex: '-1' }, title), body.map((b) => h('p', {}, b))));
  main.querySelector('h1').focus();
}

function showSignIn() {
  user = null;
  who.replaceChildren();
  nav.replaceChildren();
  replace(main, signInForm(units, (session) => signedIn(session)));
  main.querySelector('h1').focus();
}

async function signedIn(session) {
  const roles = session.roles ?? [session.role];
  user = { roles, unit: session.unit ?? null, name: session.name ?? null };
  user.role = primaryRole(user);
  if (user.role === null) {
    showMessage(bi('无权使用控制台', 'Not for this account'),
      bi('所选身份不是报送单位、信用中心或管理员。', 'That is not a unit, the Center or an administrator.'));
    return;
  }

  if (user.role === 'unit' && !user.unit) {
    showMessage(bi('缺少单位代码', 'No unit code'),
      bi('登录身份没有单位代码（unit），无法列出本单位的事项。', 'The signed-in principal carries no unit code, so there is nothing to list.'));
    return;
  }

  renderWho();
  feedback = user.role === 'admin' ? await feedbackAvailable() : false;
  renderNav();
  if (location.hash === '' || location.hash === '#') {
    location.hash = '#/';
  } else {
    await route();
  }
}

function renderWho() {
  const [zh, en] = word('role', user.role);
  const name = user.unit ? unitName(user.unit) : null;
  const signOut = page.mode === 'development'
    ? h('button', { type: 'button', class: 'link', onclick: () => { endDevelopmentSession(); location.hash = '#/'; showSignIn(); } },
      bi('退出', 'Sign out'))
    : h('a', { href: '/.auth/logout?post_logout_redirect_uri=/api/console/' }, bi('退出', 'Sign out'));
  // dom.js replace, not the DOM's replaceChildren, which would write a null (no unit: an administrator) as the text "null".
  replace(who,
    h('span', { class: 'who-role' }, bi(zh, en)),
    user.unit ? h('span', { class: 'who-unit' }, user.unit, name ? ` ${name.zh}` : '') : null,
    signOut);
}

/** The views a role gets, as [hash, zh, en]. */
function navItems() {
  switch (user.role) {
    case 'unit':
      return [['#/', '待办事项', 'To decide'], ['#/rejections', '退回记录', 'Rejections'], ['#/quality', '报送质量', 'Quality']];
    case 'center':
      return [['#/', '中心提出的异议', 'Objections filed by the Center']];
    case 'admin':
      return [
        ['#/', '逾期事项', 'Escalated cases'],
        ['#/units', '单位报送情况', 'Units'],
        ...(feedback ? [['#/feedback', '执行反馈', 'Enforcement feedback']] : []),
      ];
    default:
      return [];
  }
}

function renderNav() {
  const current = location.hash || '#/';
  nav.replaceChildren(h('ul', {}, navItems().map(([hash, zh, en]) => h('li', {},
    h('a', { href: hash, 'aria-current': current === hash || (hash !== '#/' && current.startsWith(hash)) ? 'page' : null }, bi(zh, en))))));
}

async function route() {
  if (!user) {
    return;
  }
  renderNav();
  const hash = location.hash.replace(/^#/, '') || '/';
  const parts = hash.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  const context = { user, unitName, main };
  main.setAttribute('aria-busy', 'true');
  try {
    if (parts[0] === 'objections' && parts[1]) {
      await renderCase(context, 'objection', parts[1]);
    } else if (parts[0] === 'repairs' && parts[1]) {
      await renderCase(context, 'repair', parts[1]);
    } else if (parts[0] === 'rejections' && user.role === 'unit') {
      await renderRejections(context, user.unit);
    } else if (parts[0] === 'quality' && user.role === 'unit') {
      await renderQuality(context, user.unit);
    } else if (parts[0] === 'units' && parts[1] && user.role === 'admin') {
      await renderQuality(context, parts[1], true);
    } else if (parts[0] === 'units' && user.role === 'admin') {
      renderUnitPicker(context, units);
    } else if (parts[0] === 'feedback' && user.role === 'admin' && feedback) {
      await renderFeedback(context);
    } else if (user.role === 'center') {
      await renderCenter(context);
    } else if (user.role === 'admin') {
      await renderEscalated(context);
    } else {
      await renderPending(context);
    }
  } finally {
    main.removeAttribute('aria-busy');
  }
  // Keyboard and screen-reader users land on the new view's heading, not at the top of the old one.
  main.querySelector('h1')?.focus();
}

window.addEventListener('hashchange', () => { route(); });
start();
