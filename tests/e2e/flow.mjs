// tests/e2e/flow.mjs: the whole flow of 'waymark serve' in headless Chromium.
//
// Run by tests/cli/t-web-e2e.sh against a server it started. Environment:
//   BASE       the server, e.g. http://127.0.0.1:40123 (required)
//   ADMIN_PW   the administrator's password (required)
//   DB         the server's database, for 'waymark --db DB assess show'
//   WAYMARK    the waymark binary
//   E2E_ARTIFACTS  where screenshots go (default build/e2e-artifacts)
//   E2E_CHROMIUM   the browser (default /usr/bin/chromium)
//   E2E_SUMMARY    a file to write "CHECKS FAILED" (two counts) into at the end
//   E2E_TRACE      set: log each request and check with its time to stderr
// Prints "ok N - NAME", "not ok N - NAME" (with "# " lines saying why) and
// "skip N - NAME" when a step cannot run because an earlier one failed.
// Exits 0 only if nothing failed.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
for (const k of ['BASE', 'ADMIN_PW', 'DB', 'WAYMARK']) {
	if (!env[k]) {
		console.error(`flow.mjs: set ${k}`);
		process.exit(2);
	}
}
const BASE = env.BASE.replace(/\/$/, '');
const ART = env.E2E_ARTIFACTS || path.resolve(here, '../../build/e2e-artifacts');
const CHROMIUM = env.E2E_CHROMIUM || '/usr/bin/chromium';
const PROJECT = 'e2e-ward-app';
const TITLE = 'E2E ward rounds app';
const DEMO = 'demo-clinical-app';
const XSS = '<img src=x onerror=alert(1)>';
const MOBILE = {
	viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
	deviceScaleFactor: 2, locale: 'en-GB'
};
const started = Date.now();

/* --- TAP-like reporting --- */

let n = 0, nfailed = 0;
let cur = null;			// the page a failure screenshot is taken of
const state = {};		// what later steps need from earlier ones

class Abort extends Error {}

function diag(text) {
	const lines = String(text).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
	for (const line of lines.slice(0, 12))
		console.log('# ' + (line.length > 300 ? line.slice(0, 300) + '...' : line));
}

const secs = () => ((Date.now() - started) / 1000).toFixed(1) + 's';

// check NAME FN: one assertion; FN throws (or returns a rejected promise)
// to fail. Returns true when it passed.
async function check(name, fn) {
	n++;
	try {
		await fn();
		if (env.E2E_TRACE)
			console.error(`# [${secs()}] done: ${name}`);
		console.log(`ok ${n} - ${name}`);
		return true;
	} catch (e) {
		nfailed++;
		console.log(`not ok ${n} - ${name}`);
		diag(e && e.message ? e.message : e);
		await failShot(name);
		return false;
	}
}
// must: a check the rest of its step cannot do without.
async function must(name, fn) {
	if (!(await check(name, fn)))
		throw new Abort(name);
}
// note TEXT: for whoever reads the log (stderr), not a result.
function note(text) {
	console.error('# note: ' + text);
}
function skip(name) {
	n++;
	console.log(`skip ${n} - ${name}`);
}

// step NAME NEEDS FN: a group of checks; skipped if an earlier step did
// not leave what it needs in state.
async function step(name, needs, fn) {
	const missing = needs.filter((k) => !state[k]);
	console.error(`# [${secs()}] ${name}`);
	if (missing.length) {
		skip(`${name} (needs ${missing.join(', ')} from an earlier step)`);
		return;
	}
	try {
		await fn();
	} catch (e) {
		if (e instanceof Abort)
			return;
		nfailed++;
		n++;
		console.log(`not ok ${n} - ${name}: unexpected error`);
		diag(e && e.stack ? e.stack : e);
		await failShot(name);
	}
}

function assert(cond, msg) {
	if (!cond)
		throw new Error(msg);
}
function eq(got, want, what) {
	if (got !== want)
		throw new Error(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

/* --- artefacts --- */

let failShots = 0;
// shot PAGE NAME [AT]: the whole page, or with AT (a selector) the screen
// around that element (the survey is too long to take whole).
async function shot(page, name, at) {
	try {
		if (at && await page.locator(at).count())
			await page.locator(at).first().scrollIntoViewIfNeeded();
		await page.screenshot({ path: path.join(ART, name + '.png'), fullPage: !at });
	} catch (e) {
		console.error(`# screenshot ${name}: ${e.message}`);
	}
}
async function failShot(name) {
	if (!cur || cur.isClosed() || failShots >= 20)
		return;
	const base = `fail-${String(++failShots).padStart(2, '0')}-` +
		name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 50);
	await shot(cur, base, 'body');
	try {
		fs.writeFileSync(path.join(ART, base + '.html'), await cur.content());
	} catch { /* the page may be gone */ }
}

/* --- the server side: what the CLI says was stored --- */

function waymark(args) {
	return new Promise((resolve, reject) => {
		execFile(env.WAYMARK, ['--db', env.DB, ...args], { timeout: 20000 },
			(err, stdout, stderr) => err ?
				reject(new Error(`waymark ${args.join(' ')}: ${stderr || err.message}`)) :
				resolve(stdout));
	});
}
// The assessment of project as 'assess show --json' gives it.
async function assessment(project) {
	return JSON.parse(await waymark(['assess', 'show', project, '--json']));
}
// Responses kept for project, over every round.
async function stored(project) {
	const a = await assessment(project);
	return (a.rounds || []).reduce((s, r) => s + r.responses, 0);
}

/* --- browser helpers --- */

const problems = { errors: [], csp: [], dialogs: [], server: [] };

function watch(context, who) {
	context.on('dialog', (d) => {
		problems.dialogs.push(`${who}: ${d.type()} "${d.message()}" on ${d.page() ? d.page().url() : '?'}`);
		d.dismiss().catch(() => {});
	});
	context.on('page', (p) => watchPage(p, who));
	if (env.E2E_TRACE)
		context.on('requestfinished', (r) => {
			const t = r.timing();
			console.error(`#   ${r.method()} ${r.url().replace(BASE, '')} ${Math.round(t.responseEnd)}ms`);
		});
	context.on('response', (r) => {
		if (r.status() >= 500)
			problems.server.push(`${r.status()} ${r.request().method()} ${r.url()}`);
	});
}
function watchPage(page, who) {
	page.setDefaultTimeout(8000);
	page.setDefaultNavigationTimeout(15000);
	page.on('pageerror', (e) => problems.errors.push(`${who} ${page.url()}: ${e.message}`));
	page.on('console', (m) => {
		const t = m.text();
		if (!/Content.Security.Policy|Refused to/i.test(t))
			return;
		const what = `${page.url().replace(BASE, '').replace(/\?.*/, '')}: ${t.replace(/ Either the .*/, '')}`;
		if (!problems.csp.includes(what))
			problems.csp.push(what);
	});
}

// Click what submits a form; the answer to the navigation it causes.
async function submit(page, target) {
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		target.click()
	]);
	return resp;
}
async function go(page, where) {
	return page.goto(where.startsWith('http') ? where : BASE + where);
}
function expectStatus(resp, want, what) {
	assert(resp, `${what}: no answer`);
	assert(resp.status() === want, `${what}: status ${resp.status()}, expected ${want} (${resp.url()})`);
}
// The form was accepted: no summary of problems came back.
async function noProblems(page) {
	const p = page.locator('#problems');
	if (await p.count())
		throw new Error('the form came back with problems: ' + (await p.innerText()));
}
const pathOf = (page) => new URL(page.url()).pathname;
// The number on the dashboard's Respondents card.
async function respondents(page) {
	const card = page.locator('main .card').filter({
		has: page.getByRole('heading', { name: /respondents|responses/i })
	}).locator('.big');
	assert(await card.count() === 1, `${await card.count()} Respondents cards`);
	return (await card.innerText()).trim();
}
const mainText = (page) => page.locator('main').innerText();

// Set form field NAME (id f-NAME, as src/web/form.c makes them) to value:
// selects take an option's value, else its label; other fields are filled.
async function setField(page, name, value, scope) {
	const f = (scope || page).locator(`#f-${name}`);
	if (!(await f.count()))
		return false;
	const tag = await f.evaluate((e) => e.tagName);
	if (tag === 'SELECT') {
		const opts = await f.locator('option').evaluateAll((os) =>
			os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
		const o = opts.find((x) => x.value === value) ||
			opts.find((x) => x.label.toLowerCase().includes(String(value).toLowerCase()));
		assert(o, `#f-${name} has no option ${value} (has ${opts.map((x) => x.value).join(', ')})`);
		await f.selectOption(o.value);
	} else {
		await f.fill(String(value));
	}
	return true;
}

/* --- the survey page --- */

// Choose the respondent's group when the survey asks for it (open links
// without a group): a select or radios named "group".
async function chooseGroup(page, group) {
	const sel = page.locator('#survey-form select[name="group"]');
	if (await sel.count()) {
		await sel.selectOption(group);
		return true;
	}
	const radio = page.locator(`#survey-form input[type="radio"][name="group"][value="${group}"]`);
	if (await radio.count()) {
		await radio.check();
		return true;
	}
	return false;
}
// The names of the answer radios (one per statement), in page order.
async function statementNames(page) {
	return page.locator('#survey-form input[type="radio"]:not([name="group"])')
		.evaluateAll((rs) => [...new Set(rs.map((r) => r.name))]);
}
// Answer the first k statements with value (the 4th choice if none has it).
async function answer(page, k, value) {
	const names = (await statementNames(page)).slice(0, k);
	assert(names.length === k, `the survey has ${names.length} statements, wanted ${k}`);
	const chosen = {};
	for (const name of names) {
		let r = page.locator(`#survey-form input[type="radio"][name="${name}"][value="${value}"]`);
		if (!(await r.count()))
			r = page.locator(`#survey-form input[type="radio"][name="${name}"]`).nth(3);
		await r.check();
		chosen[name] = await r.getAttribute('value');
	}
	return chosen;
}
// The checked answer of each statement: { name: value }.
async function checkedAnswers(page) {
	return page.locator('#survey-form input[type="radio"]:checked:not([name="group"])')
		.evaluateAll((rs) => Object.fromEntries(rs.map((r) => [r.name, r.value])));
}
function sameAnswers(got, want) {
	for (const [k, v] of Object.entries(want))
		assert(got[k] === v, `statement ${k}: got ${got[k] || 'no answer'}, expected ${v}`);
}
// Text in #survey-status, or #survey-done (the confirmation that replaces
// the form), matching re within ms.
async function waitStatus(page, re, ms) {
	const t0 = Date.now();
	let last = '';
	while (Date.now() - t0 < ms) {
		last = await page.evaluate(() => ['survey-status', 'survey-done']
			.map((id) => document.getElementById(id))
			.filter(Boolean).map((e) => e.innerText).join('\n'))
			.catch(() => '');	// a page navigating away
		if (re.test(last))
			return last;
		await page.waitForTimeout(150);
	}
	throw new Error(`#survey-status never matched ${re}; it says: "${last.trim()}"`);
}
const CONFIRMED = /thank you|received/i;
const RETRY = /try again|retry|send (again|now)/i;

// Open the survey at link in a fresh mobile context, answer it as group
// and send it while online; returns the context (to close) and page.
async function answerSurvey(browser, link, group, who) {
	const ctx = await browser.newContext(MOBILE);
	watch(ctx, who);
	const page = await ctx.newPage();
	cur = page;
	expectStatus(await go(page, link), 200, 'the survey');
	await chooseGroup(page, group);
	await answer(page, 3, '4');
	await page.locator('button#survey-submit').click();
	return { ctx, page };
}

/* --- the flow --- */

async function main() {
	fs.mkdirSync(ART, { recursive: true });
	for (const f of fs.readdirSync(ART))
		if (/\.(png|html)$/.test(f))
			fs.unlinkSync(path.join(ART, f));

	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		// headless (the new mode) is playwright's default; it also adds
		// --no-sandbox, --disable-dev-shm-usage, --disable-extensions,
		// --disable-background-networking and more of its own.
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
	});
	console.error(`# chromium ${browser.version()}`);
	const lead = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-GB' });
	watch(lead, 'lead');
	const page = await lead.newPage();
	cur = page;

	try {
		await flow(browser, lead, page);
	} finally {
		await browser.close().catch(() => {});
	}
}

async function flow(browser, lead, page) {
	await step('1 log in', [], async () => {
		expectStatus(await go(page, '/login'), 200, 'GET /login');
		await page.locator('#f-name').fill('admin');
		await page.locator('#f-password').fill('not-the-password');
		const resp = await submit(page, page.locator('main form button[type="submit"]'));
		await check('a wrong password is refused with 422', () =>
			expectStatus(resp, 422, 'POST /login'));
		await check('the problem summary says the password is wrong', async () => {
			const t = await page.locator('#problems').innerText();
			assert(/wrong/i.test(t), `#problems says "${t}"`);
		});
		await check('focus moves to the problem summary', () =>
			page.waitForFunction(() => document.activeElement &&
				document.activeElement.id === 'problems', null, { timeout: 3000 })
				.catch(async () => {
					const a = await page.evaluate(() => document.activeElement &&
						(document.activeElement.id || document.activeElement.tagName));
					throw new Error(`focus is on ${a}`);
				}));
		await check('the login name typed is kept, the password is not', async () => {
			eq(await page.locator('#f-name').inputValue(), 'admin', '#f-name');
			eq(await page.locator('#f-password').inputValue(), '', '#f-password');
		});
		await shot(page, '01-login-error');
		await page.locator('#f-password').fill(env.ADMIN_PW);
		const ok = await submit(page, page.locator('main form button[type="submit"]'));
		await must('the right password leads to /projects', async () => {
			expectStatus(ok, 200, 'after logging in');
			eq(pathOf(page), '/projects', 'the page');
		});
		await shot(page, '02-projects');
		state.lead = true;
	});

	await step('2 new project', ['lead'], async () => {
		await page.getByRole('link', { name: 'New project' }).click();
		await must('the New project link opens the form', async () => {
			await page.waitForURL('**/projects/new');
			await page.locator('#f-name').waitFor();
		});
		await setField(page, 'name', PROJECT);
		await setField(page, 'title', TITLE);
		await setField(page, 'technology', 'clinical-mobile-app');
		await setField(page, 'step', 'strategy');
		await setField(page, 'care-settings', 'community wards');
		await setField(page, 'sites', '2');
		await setField(page, 'staff', '300');
		await setField(page, 'settings', '6');
		await setField(page, 'partners', 'nhs');
		await setField(page, 'anonymity', '3');
		await setField(page, 'notes', 'Made by the browser tests.');
		const resp = await submit(page, page.locator('main form button[type="submit"]'));
		await must(`creating it lands on its overview /p/${PROJECT}`, async () => {
			eq(pathOf(page), `/p/${PROJECT}`, 'the page');
			expectStatus(resp, 200, 'the overview');
		});
		await check('the overview shows the title', async () => {
			const t = await page.locator('body').innerText();
			assert(t.includes(TITLE), `the page lacks "${TITLE}"`);
		});
		await shot(page, '03-project-overview');
		state.project = true;
	});

	const PEOPLE = [
		{ name: 'Ward sister, ward 7', group: 'nursing', organisation: 'Community trust', attitude: 'supporter' },
		{ name: 'Consultant geriatrician', group: 'clinical', organisation: 'Community trust', attitude: 'sceptic' }
	];
	async function addStakeholder(s) {
		const form = page.locator('main form').filter({ has: page.locator('#f-name') }).first();
		await setField(page, 'name', s.name, form);
		await setField(page, 'group', s.group, form);
		if (s.organisation)
			await setField(page, 'organisation', s.organisation, form);
		if (s.attitude)
			await setField(page, 'attitude', s.attitude, form);
		return submit(page, form.locator('button[type="submit"]'));
	}

	await step('3 stakeholders', ['project'], async () => {
		await page.locator('nav.tabs').getByRole('link', { name: 'Stakeholders' }).click();
		await must('the Stakeholders tab has a form to add one', async () => {
			await page.waitForURL(`**/p/${PROJECT}/stakeholders`);
			await page.locator('main form #f-name').waitFor();
		});
		for (const s of PEOPLE) {
			const resp = await addStakeholder(s);
			await must(`adding "${s.name}" succeeds`, async () => {
				expectStatus(resp, 200, 'after adding');
				await noProblems(page);
			});
		}
		await check('both are in the table', async () => {
			const t = await page.locator('main table:visible').allInnerTexts().then((v) => v.join('\n'));
			for (const s of PEOPLE)
				assert(t.includes(s.name), `the table lacks "${s.name}"`);
		});
		await shot(page, '04-stakeholders');
	});

	// Make an open survey link on project's Survey links page; its path.
	async function openLink(project, label, round) {
		expectStatus(await go(page, `/p/${project}/links`), 200, 'the Survey links page');
		const before = new Set((await page.content()).match(/\/s\/[A-Za-z0-9_-]{16,}/g) || []);
		const form = page.locator('main form[method="post" i]')
			.filter({ has: page.locator('button[type="submit"]') })
			.filter({ hasNot: page.locator('[data-confirm]') }).first();
		await setField(page, 'label', label, form);
		if (await form.locator('#f-kind').count())
			await setField(page, 'kind', 'open', form);
		if (round && await form.locator('#f-round').count())
			await setField(page, 'round', String(round), form);
		const resp = await submit(page, form.locator('button[type="submit"]'));
		expectStatus(resp, 200, 'after making the link');
		await noProblems(page);
		const html = await page.content();
		const fresh = (html.match(/\/s\/[A-Za-z0-9_-]{16,}/g) || []).filter((p) => !before.has(p));
		assert(fresh.length, 'no new /s/TOKEN on the page');
		return fresh[0];
	}

	await step('4 survey link', ['project'], async () => {
		await check('the lead has a Survey links tab', async () => {
			await page.locator('nav.tabs').getByRole('link', { name: 'Survey links' }).click();
			await page.waitForURL(`**/p/${PROJECT}/links`);
		});
		await must('the lead makes an open link and reads /s/TOKEN from the page', async () => {
			state.link = await openLink(PROJECT, 'E2E open link');
		});
		note(`the link is ${state.link}`);
		await check('the link is listed with its label', async () => {
			const t = await mainText(page);
			assert(t.includes('E2E open link'), 'the page lacks the label');
		});
		await shot(page, '05-survey-links');
	});

	let phone = null, survey = null;
	await step('5 survey on a phone', ['link'], async () => {
		phone = await browser.newContext(MOBILE);
		watch(phone, 'phone');
		survey = await phone.newPage();
		cur = survey;
		const resp = await go(survey, state.link);
		await must('the link opens the survey (#survey-form)', async () => {
			expectStatus(resp, 200, 'GET ' + state.link);
			await survey.locator('#survey-form').waitFor();
			await survey.locator('button#survey-submit').waitFor();
		});
		await check('no horizontal scrolling at 360 px', async () => {
			const w = await survey.evaluate(() => ({
				doc: document.documentElement.scrollWidth, body: document.body.scrollWidth
			}));
			assert(w.doc <= 360 && w.body <= 360, `scrollWidth ${w.doc} (body ${w.body}) > 360`);
		});
		await check('every radio has an accessible label', async () => {
			const bad = await survey.locator('input[type="radio"]').evaluateAll((rs) => rs.filter((r) => {
				const lab = [...(r.labels || [])].map((l) => l.textContent.trim()).join('');
				const by = (r.getAttribute('aria-labelledby') || '').split(/\s+/)
					.map((id) => document.getElementById(id)).filter(Boolean)
					.map((e) => e.textContent.trim()).join('');
				return !lab && !by && !(r.getAttribute('aria-label') || '').trim();
			}).map((r) => `${r.name}=${r.value}`));
			const all = await survey.locator('input[type="radio"]').count();
			assert(all > 0, 'the survey has no radios');
			assert(!bad.length, `${bad.length} of ${all} radios have no label: ${bad.slice(0, 5).join(', ')}`);
		});
		await check('each statement\'s answers are a group named by the statement', async () => {
			const bad = await survey.locator('#survey-form input[type="radio"]').evaluateAll((rs) => {
				const out = new Set();
				for (const r of rs) {
					const fs = r.closest('fieldset');
					const lg = fs && fs.querySelector('legend');
					const rg = r.closest('[role="radiogroup"]');
					const named = (lg && lg.textContent.trim()) ||
						(rg && (rg.getAttribute('aria-label') || rg.getAttribute('aria-labelledby')));
					if (!named)
						out.add(r.name);
				}
				return [...out];
			});
			assert(!bad.length, `no fieldset/legend or named radiogroup for: ${bad.slice(0, 5).join(', ')}`);
		});
		await check('answer labels are touch targets at least 44 px tall', async () => {
			const small = await survey.locator('#survey-form input[type="radio"]').evaluateAll((rs) =>
				rs.map((r) => {
					const l = (r.labels && r.labels[0]) || r;
					const b = l.getBoundingClientRect();
					return { name: `${r.name}=${r.value}`, h: b.height, w: b.width };
				}).filter((x) => x.h < 44));
			assert(!small.length, `${small.length} too small, e.g. ${JSON.stringify(small.slice(0, 3))}`);
		});
		await check('text is at least 16 px (statements, answers, buttons, paragraphs)', async () => {
			const small = await survey.evaluate(() => {
				const out = [];
				const sel = 'body, #survey-form legend, #survey-form label, #survey-form p, ' +
					'main h1, main p, button#survey-submit, #survey-form select';
				for (const e of document.querySelectorAll(sel)) {
					if (e.matches('.hint, .saved-note, .muted, .req') || !e.getClientRects().length)
						continue;
					const px = parseFloat(getComputedStyle(e).fontSize);
					if (px < 16)
						out.push(`${e.tagName.toLowerCase()}.${e.className}: ${px}px "${e.textContent.trim().slice(0, 30)}"`);
				}
				return out;
			});
			assert(!small.length, small.slice(0, 5).join('\n'));
		});
		// Secondary text (hints, the saved note) is reported, not failed.
		const minor = await survey.evaluate(() => [...document.querySelectorAll('.hint, .saved-note, .muted, .req')]
			.filter((e) => e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) < 16)
			.map((e) => `${e.className} ${getComputedStyle(e).fontSize}`));
		if (minor.length)
			note(`smaller secondary text: ${[...new Set(minor)].join(', ')}`);
		await check('tabbing shows a visible focus outline on every stop, radios included', async () => {
			await survey.locator('body').click({ position: { x: 1, y: 1 } }).catch(() => {});
			const seen = [];
			let radio = false;
			for (let i = 0; i < 12; i++) {
				await survey.keyboard.press('Tab');
				const f = await survey.evaluate(() => {
					const e = document.activeElement;
					if (!e || e === document.body)
						return null;
					const s = getComputedStyle(e);
					return {
						what: `${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''}#${e.id}`,
						radio: e.type === 'radio',
						visible: e.matches(':focus-visible'),
						outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
						shadow: s.boxShadow
					};
				});
				if (!f)
					continue;
				seen.push(f);
				radio = radio || f.radio;
				assert(f.visible, `${f.what} is focused but not :focus-visible`);
				assert((f.outline !== 'none' && f.width > 0) || (f.shadow && f.shadow !== 'none'),
					`${f.what}: outline ${f.outline} ${f.width}px, box-shadow ${f.shadow}`);
			}
			assert(seen.length, 'Tab never focused anything');
			assert(radio, 'Tab never reached a radio: ' + seen.map((f) => f.what).join(' '));
		});
		await shot(survey, '06-survey-phone', 'main h1');
		state.phone = true;
	});

	let answers = null;
	await step('6 answers kept on the phone', ['phone'], async () => {
		await must('three statements answered', async () => {
			answers = await answer(survey, 3, '4');
		});
		if (await survey.locator('#survey-form select[name="group"]').count()) {
			await survey.locator('button#survey-submit').click();
			await check('sending without a group asks for it and moves focus there', async () => {
				await waitStatus(survey, /group/i, 3000);
				eq(await survey.evaluate(() => document.activeElement.name), 'group', 'focus');
			});
		}
		await must('the group is chosen', () => chooseGroup(survey, 'nursing'));
		await survey.waitForTimeout(300);
		await check('survey.js keeps the answers in the browser\'s storage', async () => {
			const keys = await survey.evaluate(() => Object.keys(localStorage)
				.concat(Object.keys(sessionStorage)));
			assert(keys.length, 'localStorage and sessionStorage are empty');
		});
		await survey.reload();
		await must('after a reload the answers are still there', async () => {
			await survey.locator('#survey-form').waitFor();
			await survey.waitForTimeout(300);
			sameAnswers(await checkedAnswers(survey), answers);
		});
		// A reload may restore a form by itself; a new tab shows storage.
		const tab = await phone.newPage();
		cur = tab;
		await go(tab, state.link);
		await check('a new tab on the same link restores them from storage', async () => {
			await tab.locator('#survey-form').waitFor();
			await tab.waitForTimeout(300);
			sameAnswers(await checkedAnswers(tab), answers);
		});
		await tab.close();
		cur = survey;
		await shot(survey, '07-answers-restored', '#survey-form fieldset');
		state.answers = true;
	});

	await step('7 offline, then back online', ['answers'], async () => {
		const n0 = await stored(PROJECT);
		await phone.setOffline(true);
		await survey.locator('button#survey-submit').click();
		await check('offline: a clear "no connection, kept on this phone" message', async () => {
			const t = await waitStatus(survey, /connection|offline|signal|internet/i, 5000);
			assert(/kept|saved|stored|safe/i.test(t), `the message does not say the answers are kept: "${t.trim()}"`);
		});
		await check('offline: the page stays and the answers are not lost', async () => {
			eq(pathOf(survey), state.link, 'the page');
			sameAnswers(await checkedAnswers(survey), answers);
		});
		await check('offline: nothing reached the server', async () => eq(await stored(PROJECT), n0, 'responses'));
		await shot(survey, '08-offline-kept', '#survey-status');
		await phone.setOffline(false);
		let auto = true;
		try {
			await waitStatus(survey, CONFIRMED, 8000);
		} catch {
			auto = false;
			const retry = survey.getByRole('button', { name: RETRY });
			await (await retry.count() ? retry.first() : survey.locator('button#survey-submit')).click();
		}
		await check('back online: the answers are sent' + (auto ? ' by themselves' : ' after pressing retry'),
			() => waitStatus(survey, CONFIRMED, 8000));
		if (!auto)
			note('survey.js did not resend on the "online" event; the retry button did');
		await shot(survey, '09-sent', '#survey-done');
		await survey.waitForTimeout(1000);
		await check('exactly one response was stored (no duplicate from the retry)', async () =>
			eq(await stored(PROJECT), n0 + 1, 'responses'));
		// A shared phone: the next person starts with nothing filled in.
		const next = await phone.newPage();
		cur = next;
		await go(next, state.link);
		await check('once sent, the answers are no longer kept on the phone', async () => {
			await next.locator('#survey-form').waitFor();
			await next.waitForTimeout(300);
			eq(JSON.stringify(await checkedAnswers(next)), '{}', 'answers shown on a new page');
		});
		await next.close();
		cur = survey;
		state.sent = true;
	});
	if (phone)
		await phone.close();

	await step('7b answer stored but the reply lost', ['link'], async () => {
		// The request reaches the server, the phone never hears back; the
		// retry carries the same response id and must not count twice.
		const ctx = await browser.newContext(MOBILE);
		watch(ctx, 'lost-reply');
		const p = await ctx.newPage();
		cur = p;
		const n0 = await stored(PROJECT);
		let hits = 0;
		await p.route((u) => u.pathname.includes(state.link.split('/').pop()), async (route) => {
			if (route.request().method() !== 'POST')
				return route.continue();
			hits++;
			await route.fetch().catch(() => {});
			await route.abort('connectionreset');
		});
		expectStatus(await go(p, state.link), 200, 'the survey');
		await chooseGroup(p, 'clinical');
		await answer(p, 3, '2');
		await p.locator('button#survey-submit').click();
		await must('the lost reply is treated as no connection', async () => {
			await waitStatus(p, /connection|offline|signal|internet|try again|not sent/i, 5000);
			assert(hits === 1, `${hits} POSTs were sent`);
			eq(await stored(PROJECT), n0 + 1, 'responses kept by the server');
		});
		await p.unrouteAll();
		const retry = p.getByRole('button', { name: RETRY });
		await (await retry.count() ? retry.first() : p.locator('button#survey-submit')).click();
		await check('the retry is confirmed', () => waitStatus(p, CONFIRMED, 8000));
		await p.waitForTimeout(500);
		await check('the retried response is counted once', async () =>
			eq(await stored(PROJECT), n0 + 1, 'responses'));
		await shot(p, '10-lost-reply-retried', '#survey-done');
		await ctx.close();
	});

	await step('8 survey without JavaScript', ['link'], async () => {
		const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
		watch(ctx, 'nojs');
		const p = await ctx.newPage();
		cur = p;
		const n0 = await stored(PROJECT);
		expectStatus(await go(p, state.link), 200, 'the survey without JavaScript');
		const chosen = await answer(p, 3, '5');
		if (await p.locator('#survey-form select[name="group"]').count()) {
			const bad = await submit(p, p.locator('button#survey-submit'));
			await check('without a group: 422, the problem named, the answers kept', async () => {
				expectStatus(bad, 422, 'sending without a group');
				const t = await p.locator('#problems').innerText();
				assert(/group/i.test(t), `#problems says "${t}"`);
				sameAnswers(await checkedAnswers(p), chosen);
				eq(await stored(PROJECT), n0, 'responses');
			});
		}
		await chooseGroup(p, 'it');
		const resp = await submit(p, p.locator('button#survey-submit'));
		await check('the plain form is sent and confirmed', async () => {
			expectStatus(resp, 200, 'after sending');
			const t = await p.locator('body').innerText();
			assert(CONFIRMED.test(t), 'no confirmation on the page');
		});
		await check('one more response is stored', async () => eq(await stored(PROJECT), n0 + 1, 'responses'));
		await shot(p, '11-no-javascript-sent');
		await ctx.close();
	});

	await step('9 dashboards', ['lead'], async () => {
		cur = page;
		// The new project: a response or three, one per group, all under
		// its anonymity threshold of 3.
		const a = await assessment(PROJECT).catch(() => null);
		const resp = await go(page, `/p/${PROJECT}/dashboard`);
		await check(`the new project's dashboard opens`, () => expectStatus(resp, 200, 'the dashboard'));
		if (a)
			await check(`its Respondents card says ${a.respondents}, as the server does`, async () =>
				eq(await respondents(page), String(a.respondents), 'the Respondents card'));
		await check('no group with fewer responses than the threshold is shown', async () => {
			const t = await mainText(page);
			for (const g of ['Nursing', 'Clinical (medical)', 'IT'])
				assert(!new RegExp(`\\b${g.replace(/[()]/g, '\\$&')}\\b`).test(t),
					`the dashboard names the group "${g}", which has 1 response`);
			if (a)
				assert(!a.groups || !a.groups.length, 'assess show lists groups: ' + JSON.stringify(a.groups));
		});
		await shot(page, '12-dashboard-new-project');

		// The demo project: its count goes up by one with a response.
		const before = await assessment(DEMO);
		const count = async () => {
			expectStatus(await go(page, `/p/${DEMO}/dashboard`), 200, 'the demo dashboard');
			return mainText(page);
		};
		let t = await count();
		await check(`the demo dashboard shows the ${before.respondents} responses of round ${before.round}`, async () =>
			eq(await respondents(page), String(before.respondents), 'the Respondents card'));
		await check('the demo dashboard never shows the small Supplier group', () =>
			assert(!/\bSupplier\b/.test(t), 'the dashboard shows "Supplier"'));
		await shot(page, '13-dashboard-demo-before');
		let link;
		await must(`the lead makes an open link for round ${before.round} of the demo`, async () => {
			link = await openLink(DEMO, 'E2E demo link', before.round);
		});
		const { ctx, page: p } = await answerSurvey(browser, link, 'nursing', 'demo-phone');
		await must('a response to the demo is sent from the phone', () => waitStatus(p, CONFIRMED, 8000));
		await ctx.close();
		cur = page;
		const after = await assessment(DEMO);
		await check('the server counts one more response in the same round', async () => {
			eq(after.round, before.round, 'round');
			eq(after.respondents, before.respondents + 1, 'respondents');
			const nurses = (a) => (a.groups.find((g) => g.id === 'nursing') || {}).respondents;
			eq(nurses(after), nurses(before) + 1, 'Nursing respondents');
		});
		t = await count();
		await check(`the demo dashboard now shows ${before.respondents + 1}`, async () =>
			eq(await respondents(page), String(before.respondents + 1), 'the Respondents card'));
		await check('the small Supplier group is still not shown', () =>
			assert(!/\bSupplier\b/.test(t), 'the dashboard shows "Supplier"'));
		await shot(page, '14-dashboard-demo-after');

		// The lead on a phone: the dashboard, charts included, fits.
		const small = await browser.newContext({ ...MOBILE, storageState: await lead.storageState() });
		watch(small, 'lead-phone');
		const sp = await small.newPage();
		cur = sp;
		expectStatus(await go(sp, `/p/${DEMO}/dashboard`), 200, 'the demo dashboard on a phone');
		await check('the demo dashboard fits a 360 px screen', async () => {
			const w = await sp.evaluate(() => document.documentElement.scrollWidth);
			assert(w <= 360, `scrollWidth ${w} > 360`);
		});
		await shot(sp, '15-dashboard-demo-phone', 'main h1');
		await small.close();
		cur = page;
	});

	await step('10 script injection', ['project'], async () => {
		cur = page;
		const d0 = problems.dialogs.length;
		expectStatus(await go(page, `/p/${PROJECT}/stakeholders`), 200, 'the stakeholders page');
		const resp = await addStakeholder({ name: XSS, group: 'it' });
		await must('a stakeholder named like markup is added', () => expectStatus(resp, 200, 'after adding'));
		await page.waitForTimeout(300);
		await check('the name shows as text in the table', async () => {
			const t = await page.locator('main table:visible').allInnerTexts().then((v) => v.join('\n'));
			assert(t.includes(XSS), 'the table lacks the literal text');
			eq(await page.locator('main img[src="x"]').count(), 0, 'img elements with src=x');
		});
		// Other pages that may list stakeholders.
		for (const where of [`/p/${PROJECT}/links`, `/p/${PROJECT}`]) {
			const r = await go(page, where);
			await page.waitForTimeout(200);
			await check(`${where}: no img element made from the name`, async () => {
				expectStatus(r, 200, where);
				eq(await page.locator('img[src="x"]').count(), 0, 'img elements with src=x');
			});
		}
		await check('no dialog fired', () => eq(problems.dialogs.length, d0, 'dialogs'));
		expectStatus(await go(page, `/p/${PROJECT}/stakeholders`), 200, 'the stakeholders page');
		await shot(page, '16-script-injection');
	});

	await step('11 every page of the lead on a phone', ['lead'], async () => {
		const small = await browser.newContext({ ...MOBILE, storageState: await lead.storageState() });
		watch(small, 'lead-phone');
		const sp = await small.newPage();
		cur = sp;
		for (const where of ['/projects', '/projects/new', `/p/${DEMO}`, `/p/${DEMO}/roadmap`,
			`/p/${DEMO}/stakeholders`, `/p/${DEMO}/links`, `/p/${DEMO}/members`,
			`/p/${DEMO}/audit`, `/p/${DEMO}/edit`, '/evidence', '/admin/users']) {
			await check(`${where} opens and fits 360 px`, async () => {
				expectStatus(await go(sp, where), 200, where);
				const w = await sp.evaluate(() => document.documentElement.scrollWidth);
				assert(w <= 360, `scrollWidth ${w} > 360`);
			});
		}
		await small.close();
		cur = page;
	});

	await step('whole run', [], async () => {
		await check('no dialog (alert, confirm) fired on any page', () =>
			assert(!problems.dialogs.length, problems.dialogs.join('\n')));
		await check('no JavaScript error on any page', () =>
			assert(!problems.errors.length, problems.errors.join('\n')));
		await check('no Content-Security-Policy violation', () =>
			assert(!problems.csp.length, problems.csp.join('\n')));
		await check('no 5xx answer from the server', () =>
			assert(!problems.server.length, problems.server.join('\n')));
	});
}

const watchdog = setTimeout(() => {
	n++;
	console.log(`not ok ${n} - the browser tests finished within 100 s`);
	nfailed++;
	finish(1);
}, 100000);

function finish(code) {
	if (env.E2E_SUMMARY)
		fs.writeFileSync(env.E2E_SUMMARY, `${n} ${nfailed}\n`);
	console.error(`# e2e: ${n} checks, ${nfailed} failed, ${((Date.now() - started) / 1000).toFixed(1)}s; screenshots in ${ART}`);
	process.exit(code);
}

main().then(() => {
	clearTimeout(watchdog);
	finish(nfailed ? 1 : 0);
}, (e) => {
	n++;
	nfailed++;
	console.log(`not ok ${n} - the browser tests ran`);
	diag(e && e.stack ? e.stack : e);
	finish(1);
});
