// Urgency and automation settings and bank holidays (issue 5, point 2): who may use the
// pages; every validation rule (400, what was typed kept, the message shown, nothing written);
// saving in one go with an audit row per changed setting; the session timeout taking effect on
// sessions; bank holidays listed by year, added, refused as duplicates, removed and imported.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Browser, BASE_PATH, signedIn, db, dbRows, sqlString, text, snippet, attr, csrfFrom } from './lib.mjs';

const SETTINGS = [
	'update_within_days',
	'close_within_days',
	'urgent_update_within_days',
	'urgent_close_within_days',
	'auto_close_days',
	'auto_close_reason_id',
	'session_timeout_minutes',
	'session_lifetime_hours',
	'consent_expiry_days',
	'gender_prefer_not_to_say',
];
// The test's own bank holidays live in years nobody else uses.
const TEST_YEARS = '2098, 2099';

let admin; // signed in as the administrator
let amira; // ordinary staff
let adminId;
let savedSettings; // the settings as they were before this file, restored afterwards
let noResponseId;
let retiredReasonId;

function settings() {
	return Object.fromEntries(dbRows(`SELECT name, value FROM settings WHERE name IN (${SETTINGS.map(sqlString).join(', ')})`));
}

function reasonId(name) {
	const rows = dbRows(`SELECT id FROM closure_reasons WHERE name = ${sqlString(name)}`);
	assert.equal(rows.length, 1, `one closure reason called ${name}`);
	return rows[0][0];
}

function adminEvents() {
	return Number(db(`SELECT COUNT(*) FROM events WHERE action LIKE 'admin.settings.%' OR action LIKE 'admin.bank\\_holiday.%'`));
}

function holidays() {
	return dbRows(`SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d'), name FROM bank_holidays WHERE YEAR(holiday_date) IN (${TEST_YEARS}) ORDER BY holiday_date`).map(
		([d, n]) => `${d} ${n}`,
	);
}

// A valid settings form: the defaults of sql/002_administration.sql.
function defaults(csrf) {
	return {
		csrf,
		update_within_days: '5',
		close_within_days: '20',
		urgent_update_within_days: '1',
		urgent_close_within_days: '5',
		auto_close_days: '10',
		auto_close_reason_id: noResponseId,
		session_timeout_minutes: '30',
		session_lifetime_hours: '12',
		consent_expiry_days: '365',
		gender_prefer_not_to_say: '1',
	};
}

// The value attribute of the input with this id, as the page shows it.
function inputValue(html, id) {
	const tag = (html.match(/<input\b[^>]*>/gi) || []).find((t) => attr(t, 'id') === id);
	assert.ok(tag, `an input with id ${id}`);
	return attr(tag, 'value') ?? '';
}

function textareaValue(html, id) {
	const m = html.match(new RegExp(`<textarea\\b[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`, 'i'));
	assert.ok(m, `a textarea with id ${id}`);
	return m[1]
		.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

// The options of a select: [{ value, text, selected }].
function selectOptions(html, id) {
	const m = html.match(new RegExp(`<select\\b[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`, 'i'));
	assert.ok(m, `a select with id ${id}`);
	return (m[1].match(/<option\b[^>]*>[^<]*/gi) || []).map((o) => ({
		value: attr(o, 'value'),
		text: text(o.replace(/^<option\b[^>]*>/i, '')).trim(),
		selected: /\sselected\b/i.test(o.match(/^<option\b[^>]*>/i)[0]),
	}));
}

function checkedRadio(html, name) {
	const tag = (html.match(/<input\b[^>]*>/gi) || []).find((t) => attr(t, 'name') === name && /\schecked\b/i.test(t));
	return tag ? attr(tag, 'value') : undefined;
}

// The error summary's messages, and the message beside a field.
function summaryErrors(html) {
	const m = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/i);
	if (!m) return [];
	return (m[0].match(/<li>[\s\S]*?<\/li>/gi) || []).map((li) => text(li).trim());
}

function fieldError(html, id) {
	const m = html.match(new RegExp(`<p id="${id}-error" class="govuk-error-message">([\\s\\S]*?)</p>`, 'i'));
	return m ? text(m[1]).replace(/^\s*Error:\s*/, '').trim() : undefined;
}

// A redirect's target as the Browser takes it (below the base path).
function appPath(res) {
	assert.ok(res.location.startsWith(BASE_PATH + '/'), `a redirect within the application: ${res.location}`);
	return res.location.slice(BASE_PATH.length);
}

function assertRedirectToSignIn(res, what) {
	assert.equal(res.status, 303, `${what}: status ${res.status} ${snippet(res.body)}`);
	assert.ok(res.location.startsWith(`${BASE_PATH}/signin`), `${what}: to sign-in, not ${res.location}`);
}

function sessionHash(browser) {
	const [, token] = [...browser.cookies].find(([name]) => /session/.test(name)) || [];
	assert.ok(token, 'a session cookie');
	return crypto.createHash('sha256').update(token).digest('hex');
}

function ageSession(browser, minutes) {
	db(`UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL ${Number(minutes)} MINUTE WHERE token_hash = UNHEX('${sessionHash(browser)}')`);
}

before(async () => {
	savedSettings = settings();
	noResponseId = reasonId('No response from receiving organisation');
	db(`INSERT IGNORE INTO closure_reasons (name, position, retired) VALUES ('Settings test: retired reason', 90, 1)`);
	retiredReasonId = reasonId('Settings test: retired reason');
	db(`DELETE FROM bank_holidays WHERE YEAR(holiday_date) IN (${TEST_YEARS})`);
	admin = await signedIn('admin');
	amira = await signedIn('amira');
	adminId = dbRows(`SELECT id FROM staff WHERE username = 'admin'`)[0][0];
});

after(() => {
	for (const [name, value] of Object.entries(savedSettings)) {
		db(`UPDATE settings SET value = ${sqlString(value)} WHERE name = ${sqlString(name)}`);
	}
	db(`DELETE FROM bank_holidays WHERE YEAR(holiday_date) IN (${TEST_YEARS})`);
	db(`UPDATE closure_reasons SET retired = 0 WHERE id = ${noResponseId}`);
	db(`DELETE FROM closure_reasons WHERE name LIKE 'Settings test:%'`);
});

describe('who may use the settings and bank holiday pages', () => {
	// Each route with a request that works for the administrator.
	const routes = () => [
		{ method: 'GET', path: '/admin/settings', ok: 200 },
		{ method: 'POST', path: '/admin/settings', fields: (csrf) => defaults(csrf), ok: 303 },
		{ method: 'GET', path: '/admin/bank-holidays', ok: 200 },
		{ method: 'GET', path: '/admin/bank-holidays?year=2099', ok: 200 },
		{
			method: 'POST',
			path: '/admin/bank-holidays',
			fields: (csrf) => ({ csrf, holiday_day: '5', holiday_month: '1', holiday_year: '2098', name: 'Access test' }),
			ok: 303,
		},
		{ method: 'GET', path: '/admin/bank-holidays/import', ok: 200 },
		{ method: 'POST', path: '/admin/bank-holidays/import', fields: (csrf) => ({ csrf, lines: '2098-01-06,Access import' }), ok: 303 },
		{ method: 'POST', path: '/admin/bank-holidays/2098-01-05/remove', fields: (csrf) => ({ csrf }), ok: 303 },
	];

	it('lets the administrator use every route', async () => {
		const csrf = await admin.csrf('/admin/settings');
		for (const r of routes()) {
			const res = r.method === 'GET' ? await admin.get(r.path) : await admin.post(r.path, r.fields(csrf));
			assert.equal(res.status, r.ok, `${r.method} ${r.path}: ${res.status} ${snippet(text(res.body))}`);
		}
		assert.deepEqual(holidays(), ['2098-01-06 Access import'], 'added, imported and removed');
	});

	it('refuses ordinary staff with 403 on every route, changing nothing', async () => {
		db(`INSERT IGNORE INTO bank_holidays VALUES ('2098-01-05', 'Access test')`);
		const before = [settings(), holidays(), adminEvents()];
		const csrf = await amira.csrf('/');
		for (const r of routes()) {
			const res = r.method === 'GET' ? await amira.get(r.path) : await amira.post(r.path, { ...r.fields(csrf), update_within_days: '9' });
			assert.equal(res.status, 403, `${r.method} ${r.path} as staff: ${res.status}`);
		}
		assert.deepEqual([settings(), holidays(), adminEvents()], before);
	});

	it('sends signed-out visitors to sign in, for GET and POST alike', async () => {
		const nobody = new Browser();
		const csrf = csrfFrom((await nobody.get('/signin')).body);
		for (const r of routes()) {
			const res = r.method === 'GET' ? await nobody.get(r.path) : await nobody.post(r.path, r.fields(csrf));
			assertRedirectToSignIn(res, `${r.method} ${r.path} signed out`);
		}
		const get = await nobody.get('/admin/bank-holidays?year=2099');
		assert.equal(get.location, `${BASE_PATH}/signin?next=%2Fadmin%2Fbank-holidays%3Fyear%3D2099`, 'back to the page after signing in');
	});

	it('refuses a POST without the csrf token with 403, changing nothing', async () => {
		const before = [settings(), holidays(), adminEvents()];
		for (const r of routes().filter((x) => x.method === 'POST')) {
			const fields = { ...r.fields('x'), update_within_days: '9' };
			delete fields.csrf;
			const res = await admin.post(r.path, fields);
			assert.equal(res.status, 403, `${r.path} without csrf: ${res.status}`);
		}
		assert.deepEqual([settings(), holidays(), adminEvents()], before);
		db(`DELETE FROM bank_holidays WHERE YEAR(holiday_date) IN (${TEST_YEARS})`);
	});
});

describe('the settings page', () => {
	it('shows every setting with its stored value and where it takes effect', async () => {
		db(`UPDATE settings SET value = '4' WHERE name = 'update_within_days'`);
		db(`UPDATE settings SET value = '45' WHERE name = 'session_timeout_minutes'`);
		const res = await admin.get('/admin/settings');
		assert.equal(res.status, 200);
		const stored = settings();
		for (const name of ['update_within_days', 'close_within_days', 'urgent_update_within_days', 'urgent_close_within_days', 'auto_close_days', 'session_timeout_minutes', 'session_lifetime_hours', 'consent_expiry_days']) {
			assert.equal(inputValue(res.body, name), stored[name], `${name} shows its stored value`);
		}
		assert.equal(inputValue(res.body, 'update_within_days'), '4');
		assert.equal(inputValue(res.body, 'session_timeout_minutes'), '45');
		assert.equal(checkedRadio(res.body, 'gender_prefer_not_to_say'), stored.gender_prefer_not_to_say);
		const page = text(res.body);
		for (const hint of [
			'Used for the ‘update by’ date on new referrals and the Overdue badge',
			'Used for the ‘close by’ date on new referrals and the Overdue badge',
			'Used for the ‘update by’ date on new urgent referrals',
			'Used for the ‘close by’ date on new urgent referrals',
			'is closed automatically with the status No response',
			'Recorded on each referral closed automatically',
			'Signed-in staff are signed out after this many minutes without activity',
			'Staff must sign in again this many hours after signing in, however busy the session has been',
			'Consent recorded on a referral expires this many days after it was given',
			'Used in the client details of the referral journey',
		]) {
			assert.ok(page.includes(hint), `the hint "${hint}"`);
		}
		assert.ok(res.body.includes(`<a href="${BASE_PATH}/admin" class="govuk-back-link">`), 'a back link to the admin start page');
		assert.match(res.body, /<h1[^>]*>Urgency and automation settings<\/h1>/);
	});

	it('offers the active closure reasons for automatic closing, with the stored one selected', async () => {
		const res = await admin.get('/admin/settings');
		const options = selectOptions(res.body, 'auto_close_reason_id');
		const active = dbRows(`SELECT id, name FROM closure_reasons WHERE retired = 0 ORDER BY position, id`);
		assert.deepEqual(options.map((o) => [o.value, o.text]), active, 'the active reasons, in order');
		assert.ok(!options.some((o) => o.value === retiredReasonId), 'not the retired one');
		assert.deepEqual(options.filter((o) => o.selected).map((o) => o.value), [settings().auto_close_reason_id]);
	});

	it('asks for a reason when the stored one has been retired', async () => {
		db(`UPDATE settings SET value = '${retiredReasonId}' WHERE name = 'auto_close_reason_id'`);
		try {
			const options = selectOptions((await admin.get('/admin/settings')).body, 'auto_close_reason_id');
			assert.deepEqual(options[0], { value: '', text: 'Select a closure reason', selected: false });
			assert.ok(!options.some((o) => o.value === retiredReasonId));
		} finally {
			db(`UPDATE settings SET value = '${noResponseId}' WHERE name = 'auto_close_reason_id'`);
		}
	});

	it('saves every change at once, with one audit row per changed setting (old → new)', async () => {
		const csrf = await admin.csrf('/admin/settings');
		assert.equal((await admin.post('/admin/settings', defaults(csrf))).status, 303, 'start from the defaults');
		const declined = reasonId('Client declined support');
		const mark = Number(db(`SELECT COALESCE(MAX(id), 0) FROM events`));
		const res = await admin.post('/admin/settings', {
			...defaults(csrf),
			update_within_days: '7',
			urgent_close_within_days: ' 3 ',
			auto_close_reason_id: declined,
			session_timeout_minutes: '60',
			consent_expiry_days: '730',
			gender_prefer_not_to_say: '0',
		});
		assert.equal(res.status, 303, snippet(text(res.body)));
		assert.equal(res.location, `${BASE_PATH}/admin/settings?saved=6`);
		const now = settings();
		assert.equal(now.update_within_days, '7');
		assert.equal(now.urgent_close_within_days, '3', 'spaces around a number are ignored');
		assert.equal(now.auto_close_reason_id, declined);
		assert.equal(now.session_timeout_minutes, '60');
		assert.equal(now.consent_expiry_days, '730');
		assert.equal(now.gender_prefer_not_to_say, '0');
		assert.equal(now.close_within_days, '20', 'unchanged');
		const rows = dbRows(
			`SELECT action, subject_type, detail, old_value, new_value, staff_id, remote_addr IS NOT NULL FROM events WHERE id > ${mark} ORDER BY id`,
		);
		assert.deepEqual(rows, [
			['admin.settings.change', 'setting', 'Update within, normal referrals (update_within_days)', '5 working days', '7 working days', adminId, '1'],
			['admin.settings.change', 'setting', 'Close within, urgent referrals (urgent_close_within_days)', '5 working days', '3 working days', adminId, '1'],
			['admin.settings.change', 'setting', 'Closure reason for automatic closing (auto_close_reason_id)', 'No response from receiving organisation', 'Client declined support', adminId, '1'],
			['admin.settings.change', 'setting', 'Session timeout (session_timeout_minutes)', '30 minutes', '60 minutes', adminId, '1'],
			['admin.settings.change', 'setting', 'Consent expiry (consent_expiry_days)', '365 days', '730 days', adminId, '1'],
			['admin.settings.change', 'setting', '‘Prefer not to say’ in the gender list (gender_prefer_not_to_say)', 'Yes', 'No', adminId, '1'],
		]);

		const page = await admin.get(appPath(res));
		assert.match(text(page.body), /Settings saved: 6 settings changed/);
		assert.equal(inputValue(page.body, 'update_within_days'), '7');
		assert.equal(checkedRadio(page.body, 'gender_prefer_not_to_say'), '0');
		assert.deepEqual(selectOptions(page.body, 'auto_close_reason_id').filter((o) => o.selected).map((o) => o.text), ['Client declined support']);

		// the same values again: nothing to record
		const again = await admin.post('/admin/settings', {
			...defaults(csrf),
			update_within_days: '7',
			urgent_close_within_days: '3',
			auto_close_reason_id: declined,
			session_timeout_minutes: '60',
			consent_expiry_days: '730',
			gender_prefer_not_to_say: '0',
		});
		assert.equal(again.location, `${BASE_PATH}/admin/settings?saved=0`);
		assert.equal(Number(db(`SELECT COUNT(*) FROM events WHERE id > ${mark}`)), 6, 'no audit rows for an unchanged save');
		assert.match(text((await admin.get(appPath(again))).body), /Nothing changed/);
		assert.equal((await admin.post('/admin/settings', defaults(csrf))).status, 303, 'back to the defaults');
	});

	it('keeps the closure reason chosen for automatic closing from being retired', async () => {
		const csrf = await admin.csrf('/admin/settings');
		const declined = reasonId('Client declined support');
		assert.equal((await admin.post('/admin/settings', { ...defaults(csrf), auto_close_reason_id: declined })).status, 303);
		try {
			const res = await admin.post(`/admin/closure-reasons/${declined}/retire`, { csrf });
			assert.notEqual(res.status, 303, 'retiring it is refused');
			assert.deepEqual(dbRows(`SELECT retired FROM closure_reasons WHERE id = ${declined}`), [['0']]);
		} finally {
			assert.equal((await admin.post('/admin/settings', defaults(csrf))).status, 303);
		}
	});

	// Each refused form: field, typed value, the message beside the field.
	const refusals = [
		['update_within_days', '', 'Enter how many working days normal referrals must be updated within'],
		['update_within_days', 'five', 'Update within for normal referrals must be a whole number of working days, like 5'],
		['update_within_days', '2.5', 'Update within for normal referrals must be a whole number of working days, like 5'],
		['update_within_days', '-3', 'Update within for normal referrals must be a whole number of working days, like 5'],
		['update_within_days', '0', 'Update within for normal referrals must be between 1 and 365 working days'],
		['update_within_days', '366', 'Update within for normal referrals must be between 1 and 365 working days'],
		['close_within_days', '', 'Enter how many working days normal referrals must be closed within'],
		['close_within_days', '400', 'Close within for normal referrals must be between 1 and 365 working days'],
		['urgent_update_within_days', '', 'Enter how many working days urgent referrals must be updated within'],
		['urgent_update_within_days', '0', 'Update within for urgent referrals must be between 1 and 365 working days'],
		['urgent_update_within_days', '6', 'Update within for urgent referrals (6 working days) must not be longer than for normal referrals (5 working days)'],
		['urgent_close_within_days', '', 'Enter how many working days urgent referrals must be closed within'],
		['urgent_close_within_days', '1x', 'Close within for urgent referrals must be a whole number of working days, like 5'],
		['urgent_close_within_days', '21', 'Close within for urgent referrals (21 working days) must not be longer than for normal referrals (20 working days)'],
		['auto_close_days', '', 'Enter how many working days a New referral waits before it is closed automatically'],
		['auto_close_days', '0', 'Automatic closing must be between 1 and 365 working days'],
		['auto_close_days', '1000', 'Automatic closing must be between 1 and 365 working days'],
		['auto_close_reason_id', '', 'Select the closure reason for referrals closed automatically'],
		['auto_close_reason_id', 'abc', 'Select the closure reason for referrals closed automatically'],
		['auto_close_reason_id', '999999999', 'That closure reason has been retired or removed. Select one from the list'],
		['auto_close_reason_id', 'RETIRED', 'That closure reason has been retired or removed. Select one from the list'],
		['session_timeout_minutes', '', 'Enter the session timeout in minutes'],
		['session_timeout_minutes', '4', 'Session timeout must be between 5 and 720 minutes'],
		['session_timeout_minutes', '721', 'Session timeout must be between 5 and 720 minutes'],
		['session_timeout_minutes', '30 minutes', 'Session timeout must be a whole number of minutes, like 30'],
		['session_lifetime_hours', '', 'Enter the session lifetime in hours'],
		['session_lifetime_hours', '0', 'Session lifetime must be between 1 and 168 hours'],
		['session_lifetime_hours', '169', 'Session lifetime must be between 1 and 168 hours'],
		['session_lifetime_hours', '12h', 'Session lifetime must be a whole number of hours, like 12'],
		['consent_expiry_days', '', 'Enter how many days consent lasts'],
		['consent_expiry_days', '0', 'Consent expiry must be between 1 and 3650 days'],
		['consent_expiry_days', '3651', 'Consent expiry must be between 1 and 3650 days'],
		['consent_expiry_days', '99999999999999999999999', 'Consent expiry must be between 1 and 3650 days'],
		['gender_prefer_not_to_say', '', 'Select whether the gender list offers ‘Prefer not to say’'],
		['gender_prefer_not_to_say', 'maybe', 'Select whether the gender list offers ‘Prefer not to say’'],
	];

	it('refuses each invalid value with 400, the message beside the field, what was typed kept and nothing written', async () => {
		const csrf = await admin.csrf('/admin/settings');
		const before = [settings(), adminEvents()];
		for (const [field, typed, message] of refusals) {
			const value = typed === 'RETIRED' ? retiredReasonId : typed;
			// every other field valid, and changed, so a partial save would show
			const fields = { ...defaults(csrf), consent_expiry_days: '400', [field]: value };
			const res = await admin.post('/admin/settings', fields);
			const what = `${field} = ${JSON.stringify(value)}`;
			assert.equal(res.status, 400, `${what}: status ${res.status}`);
			assert.equal(fieldError(res.body, field), message, `${what}: the message beside the field`);
			assert.deepEqual(summaryErrors(res.body), [message], `${what}: the error summary`);
			assert.match(res.body, new RegExp(`<a href="#${field}">`), `${what}: the summary links to the field`);
			assert.match(res.body, /<title>Error: /, `${what}: the title says there is an error`);
			// what was typed comes back
			if (field === 'gender_prefer_not_to_say') {
				assert.equal(checkedRadio(res.body, field), undefined);
			} else if (field === 'auto_close_reason_id') {
				const options = selectOptions(res.body, field);
				assert.equal(options[0].value, '', `${what}: asks for a choice`);
			} else {
				assert.equal(inputValue(res.body, field), value.trim(), `${what}: kept`);
			}
			assert.equal(inputValue(res.body, 'consent_expiry_days'), field === 'consent_expiry_days' ? value : '400', `${what}: the other fields are kept too`);
		}
		assert.deepEqual([settings(), adminEvents()], before, 'nothing was written');
	});

	it('lists every problem at once, and accepts urgent timeframes equal to normal ones', async () => {
		const csrf = await admin.csrf('/admin/settings');
		const res = await admin.post('/admin/settings', {
			...defaults(csrf),
			update_within_days: '',
			urgent_close_within_days: '30',
			session_timeout_minutes: '1',
		});
		assert.equal(res.status, 400);
		assert.deepEqual(summaryErrors(res.body), [
			'Enter how many working days normal referrals must be updated within',
			'Session timeout must be between 5 and 720 minutes',
			'Close within for urgent referrals (30 working days) must not be longer than for normal referrals (20 working days)',
		]);
		const equal = await admin.post('/admin/settings', { ...defaults(csrf), urgent_update_within_days: '5', urgent_close_within_days: '20' });
		assert.equal(equal.status, 303);
		assert.equal(settings().urgent_close_within_days, '20');
		assert.equal((await admin.post('/admin/settings', defaults(csrf))).status, 303);
	});

	it('signs staff out after the session timeout set on the page', async () => {
		const csrf = await admin.csrf('/admin/settings');
		// at the default 30 minutes, six idle minutes are nothing
		assert.equal((await admin.post('/admin/settings', defaults(csrf))).status, 303);
		const patient = await signedIn('amira');
		ageSession(patient, 6);
		assert.equal((await patient.get('/')).status, 200, 'six idle minutes with a 30-minute timeout');

		const res = await admin.post('/admin/settings', { ...defaults(csrf), session_timeout_minutes: '5' });
		assert.equal(res.status, 303);
		assert.equal(settings().session_timeout_minutes, '5');
		try {
			const idle = await signedIn('amira');
			const recent = await signedIn('amira');
			ageSession(idle, 6);
			ageSession(recent, 4);
			assertRedirectToSignIn(await idle.get('/'), 'six idle minutes with a 5-minute timeout');
			assertRedirectToSignIn(await idle.get('/'), 'and it stays signed out');
			assert.equal((await recent.get('/')).status, 200, 'four idle minutes with a 5-minute timeout');
		} finally {
			const restore = await admin.post('/admin/settings', defaults(csrf));
			assert.equal(restore.status, 303);
			assert.equal(settings().session_timeout_minutes, '30');
		}
	});
});

describe('bank holidays', () => {
	before(() => db(`DELETE FROM bank_holidays WHERE YEAR(holiday_date) IN (${TEST_YEARS})`));

	it('lists this year and next by default, one table a year, with the demo holidays', async () => {
		const year = new Date().getFullYear();
		const res = await admin.get('/admin/bank-holidays');
		assert.equal(res.status, 200);
		const captions = [...res.body.matchAll(/<caption[^>]*>([^<]*)<\/caption>|<h2 class="govuk-heading-m">(Bank holidays in [^<]*)<\/h2>/g)].map((m) => (m[1] || m[2]).trim());
		assert.deepEqual(captions, [`Bank holidays in ${year}`, `Bank holidays in ${year + 1}`]);
		const page = text(res.body);
		for (const [date, name] of dbRows(`SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d'), name FROM bank_holidays WHERE YEAR(holiday_date) IN (${year}, ${year + 1})`)) {
			assert.match(res.body, new RegExp(`<time datetime="${date}">`), `${date} is listed`);
			assert.ok(page.includes(name), `${name} is listed`);
		}
		assert.ok(!res.body.includes(`datetime="${year - 1}-`), 'not last year');
		assert.equal(selectOptions(res.body, 'year')[0].text, `${year} and ${year + 1}`);
		assert.match(res.body, /class="govuk-back-link"/);
	});

	it('has the England and Wales bank holidays of 2025 to 2027 in the demo', async () => {
		const expected = {
			2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
			2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
			2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
		};
		for (const [year, days] of Object.entries(expected)) {
			const res = await admin.get(`/admin/bank-holidays?year=${year}`);
			assert.equal(res.status, 200);
			const dates = [...res.body.matchAll(/<time datetime="([0-9-]+)">/g)].map((m) => m[1]);
			assert.deepEqual(dates, days.map((d) => `${year}-${d}`), `the ${year} holidays`);
		}
		const page = text((await admin.get('/admin/bank-holidays?year=2026')).body);
		assert.match(page, /Friday 3 April 2026 Good Friday/);
		assert.match(page, /Monday 28 December 2026 Boxing Day \(substitute day\)/);
		assert.deepEqual(
			selectOptions((await admin.get('/admin/bank-holidays?year=2026')).body, 'year').filter((o) => o.selected).map((o) => o.value),
			['2026'],
		);
	});

	it('shows a year without holidays, and ignores a year filter that is not a year', async () => {
		const empty = await admin.get('/admin/bank-holidays?year=2099');
		assert.equal(empty.status, 200);
		assert.match(text(empty.body), /No bank holidays have been added for 2099/);
		const bad = await admin.get('/admin/bank-holidays?year=%3Cscript%3E');
		assert.equal(bad.status, 200);
		assert.ok(!bad.body.includes('<script>'), 'nothing of it echoed unescaped');
	});

	it('adds a holiday, audited, and shows it in its year', async () => {
		const csrf = await admin.csrf('/admin/bank-holidays');
		const mark = Number(db(`SELECT COALESCE(MAX(id), 0) FROM events`));
		const res = await admin.post('/admin/bank-holidays', { csrf, holiday_day: '2', holiday_month: '01', holiday_year: '2099', name: ' New Year holiday <b>test</b> ' });
		assert.equal(res.status, 303, snippet(text(res.body)));
		assert.equal(res.location, `${BASE_PATH}/admin/bank-holidays?year=2099&done=added`);
		assert.deepEqual(holidays(), ['2099-01-02 New Year holiday <b>test</b>']);
		assert.deepEqual(dbRows(`SELECT action, subject_type, subject_id, old_value IS NULL, new_value, staff_id FROM events WHERE id > ${mark}`), [
			['admin.bank_holiday.add', 'bank_holiday', '20990102', '1', '2099-01-02 New Year holiday <b>test</b>', adminId],
		]);
		const page = await admin.get(appPath(res));
		assert.match(text(page.body), /Bank holiday added/);
		assert.match(text(page.body), /Friday 2 January 2099 New Year holiday <b>test<\/b>/);
		assert.ok(page.body.includes('New Year holiday &lt;b&gt;test&lt;/b&gt;'), 'the name is escaped');
	});

	it('refuses a date that is already a bank holiday, saying which', async () => {
		const csrf = await admin.csrf('/admin/bank-holidays');
		const before = [holidays(), adminEvents()];
		const res = await admin.post('/admin/bank-holidays', { csrf, holiday_day: '02', holiday_month: '1', holiday_year: '2099', name: 'Another name' });
		assert.equal(res.status, 400);
		const message = 'There is already a bank holiday on 2099-01-02: New Year holiday <b>test</b>. Remove it first to change its name';
		assert.equal(fieldError(res.body, 'holiday'), message);
		assert.deepEqual(summaryErrors(res.body), [message]);
		assert.equal(inputValue(res.body, 'holiday'), '02');
		assert.equal(inputValue(res.body, 'holiday_month'), '1');
		assert.equal(inputValue(res.body, 'holiday_year'), '2099');
		assert.equal(inputValue(res.body, 'name'), 'Another name');
		assert.deepEqual([holidays(), adminEvents()], before);
	});

	const addRefusals = [
		[{ holiday_day: '', holiday_month: '', holiday_year: '', name: 'Test' }, 'holiday', 'Enter a date'],
		[{ holiday_day: '', holiday_month: '3', holiday_year: '2099', name: 'Test' }, 'holiday', 'Date must include a day'],
		[{ holiday_day: '30', holiday_month: '2', holiday_year: '2099', name: 'Test' }, 'holiday', 'Date must be a real date'],
		[{ holiday_day: '1', holiday_month: '13', holiday_year: '2099', name: 'Test' }, 'holiday', 'Date must be a real date'],
		[{ holiday_day: 'x', holiday_month: '3', holiday_year: '2099', name: 'Test' }, 'holiday', 'Date must be a real date'],
		[{ holiday_day: '1', holiday_month: '3', holiday_year: '99', name: 'Test' }, 'holiday', 'Year must include 4 numbers'],
		[{ holiday_day: '1', holiday_month: '3', holiday_year: '2101', name: 'Test' }, 'holiday', 'Year must be between 1900 and 2100'],
		[{ holiday_day: '1', holiday_month: '3', holiday_year: '2099', name: '  ' }, 'name', 'Enter the name of the bank holiday'],
		[{ holiday_day: '1', holiday_month: '3', holiday_year: '2099', name: 'x'.repeat(201) }, 'name', 'Name must be 200 characters or fewer'],
		[{ holiday_day: '1', holiday_month: '3', holiday_year: '2099', name: 'Two\nlines' }, 'name', 'Name must be on one line, without special characters'],
	];

	it('refuses each invalid date or name with 400, what was typed kept, nothing written', async () => {
		const csrf = await admin.csrf('/admin/bank-holidays');
		const before = [holidays(), adminEvents()];
		for (const [fields, field, message] of addRefusals) {
			const res = await admin.post('/admin/bank-holidays?year=2099', { csrf, ...fields });
			const what = JSON.stringify(fields).slice(0, 100);
			assert.equal(res.status, 400, `${what}: ${res.status}`);
			assert.equal(fieldError(res.body, field), message, what);
			assert.deepEqual(summaryErrors(res.body), [message], what);
			assert.equal(inputValue(res.body, 'holiday'), fields.holiday_day, `${what}: day kept`);
			assert.equal(inputValue(res.body, 'holiday_year'), fields.holiday_year, `${what}: year kept`);
			if (field !== 'name') assert.equal(inputValue(res.body, 'name'), fields.name, `${what}: name kept`);
			assert.match(text(res.body), /Friday 2 January 2099/, `${what}: the list of the chosen year is still shown`);
		}
		assert.deepEqual([holidays(), adminEvents()], before);
	});

	it('removes a holiday, audited; a date that is not one is 404', async () => {
		const csrf = await admin.csrf('/admin/bank-holidays');
		const mark = Number(db(`SELECT COALESCE(MAX(id), 0) FROM events`));
		const res = await admin.post('/admin/bank-holidays/2099-01-02/remove', { csrf });
		assert.equal(res.status, 303);
		assert.equal(res.location, `${BASE_PATH}/admin/bank-holidays?year=2099&done=removed`);
		assert.deepEqual(holidays(), []);
		assert.deepEqual(dbRows(`SELECT action, subject_id, old_value, new_value IS NULL, staff_id FROM events WHERE id > ${mark}`), [
			['admin.bank_holiday.remove', '20990102', '2099-01-02 New Year holiday <b>test</b>', '1', adminId],
		]);
		assert.match(text((await admin.get(appPath(res))).body), /Bank holiday removed/);
		for (const date of ['2099-01-02', '2099-02-30', '2099-13-01']) {
			const again = await admin.post(`/admin/bank-holidays/${date}/remove`, { csrf });
			assert.equal(again.status, 404, `${date}: ${again.status}`);
		}
		assert.equal(Number(db(`SELECT COUNT(*) FROM events WHERE id > ${mark}`)), 1);
	});

	it('imports a pasted list, reporting what was added, what existed and which lines were refused and why', async () => {
		db(`INSERT INTO bank_holidays VALUES ('2099-01-02', 'Already there')`);
		const csrf = await admin.csrf('/admin/bank-holidays/import');
		const mark = Number(db(`SELECT COALESCE(MAX(id), 0) FROM events`));
		const typed = [
			'2099-03-01,Import one',
			'2099-03-02 Import two',
			'',
			'2099-01-02,New name for an existing date',
			'not a date at all',
			'2099-02-30,Thirtieth of February',
			'2099-03-03',
			'2099-03-04\tTabbed import',
			'  2099-03-05 ,  Spaced import  ',
			'2099-03-01,Twice in the list',
			'3000-01-01,Far future',
			`2099-03-06,${'y'.repeat(201)}`,
		].join('\r\n');
		const res = await admin.post('/admin/bank-holidays/import', { csrf, lines: typed });
		assert.equal(res.status, 400, snippet(text(res.body)));
		const page = text(res.body);
		assert.match(page, /Of the lines you entered, 4 bank holidays were added and 2 already existed/);
		assert.match(page, /5 lines were not imported/);
		assert.deepEqual(summaryErrors(res.body), ['5 lines were not imported: correct them and import again']);
		const refused = [...res.body.match(/<table class="govuk-table" id="refused">[\s\S]*?<\/table>/)[0].matchAll(/<tr class="govuk-table__row">\s*<td[^>]*>([\s\S]*?)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => [
			text(m[1]).trim(),
			text(m[2]).trim(),
			text(m[3]).trim(),
		]);
		assert.deepEqual(refused, [
			['5', 'not a date at all', 'It does not start with a date in the format YYYY-MM-DD, like 2026-12-25'],
			['6', '2099-02-30,Thirtieth of February', '2099-02-30 is not a real date'],
			['7', '2099-03-03', 'It has no name after the date'],
			['11', '3000-01-01,Far future', 'The year must be between 1900 and 2100'],
			['12', `2099-03-06,${'y'.repeat(69)}…`, 'The name is longer than 200 characters'],
		]);
		assert.equal(textareaValue(res.body, 'lines').replace(/\r\n/g, '\n'), typed.replace(/\r\n/g, '\n'), 'the text typed is kept');
		assert.deepEqual(holidays(), [
			'2099-01-02 Already there',
			'2099-03-01 Import one',
			'2099-03-02 Import two',
			'2099-03-04 Tabbed import',
			'2099-03-05 Spaced import',
		]);
		assert.deepEqual(dbRows(`SELECT action, new_value, detail, staff_id FROM events WHERE id > ${mark} ORDER BY id`), [
			['admin.bank_holiday.add', '2099-03-01 Import one', 'import', adminId],
			['admin.bank_holiday.add', '2099-03-02 Import two', 'import', adminId],
			['admin.bank_holiday.add', '2099-03-04 Tabbed import', 'import', adminId],
			['admin.bank_holiday.add', '2099-03-05 Spaced import', 'import', adminId],
		]);
	});

	it('imports a clean list in one go and says how many were added and already there', async () => {
		const csrf = await admin.csrf('/admin/bank-holidays/import');
		const res = await admin.post('/admin/bank-holidays/import', { csrf, lines: '2098-12-25,Christmas Day\n2098-12-28,Boxing Day (substitute day)\n\n2099-03-01,Import one\n' });
		assert.equal(res.status, 303, snippet(text(res.body)));
		assert.equal(res.location, `${BASE_PATH}/admin/bank-holidays?done=imported&added=2&existing=1`);
		assert.match(text((await admin.get(appPath(res))).body), /Import finished: 2 added, 1 already existed/);
		assert.ok(holidays().includes('2098-12-28 Boxing Day (substitute day)'));
	});

	it('refuses an empty import, and one of too many lines, changing nothing', async () => {
		const csrf = await admin.csrf('/admin/bank-holidays/import');
		const before = [holidays(), adminEvents()];
		for (const lines of ['', '  \n \n']) {
			const res = await admin.post('/admin/bank-holidays/import', { csrf, lines });
			assert.equal(res.status, 400);
			assert.equal(fieldError(res.body, 'lines'), 'Enter the bank holidays to import, one on each line');
		}
		const many = Array.from({ length: 1001 }, (_, i) => `2099-04-01,Line ${i}`).join('\n');
		const res = await admin.post('/admin/bank-holidays/import', { csrf, lines: many });
		assert.equal(res.status, 400);
		assert.equal(fieldError(res.body, 'lines'), 'Import at most 1000 lines at a time: this has 1001');
		assert.equal(textareaValue(res.body, 'lines'), many, 'kept');
		assert.deepEqual([holidays(), adminEvents()], before);
	});
});
