// The referral journey's client details and address steps (/drafts/N/client, /drafts/N/address)
// and the postcode lookup endpoint (/api/postcodes/<postcode>). Every rule is checked on the
// server: a bad value answers 400 with the message in the error summary and beside the field,
// and keeps every value typed (in the re-rendered form, in the draft, and after a reload).
// Valid values are stored back normalised. The address step fills the local authority (and
// town) from a known postcode without JavaScript; "No fixed abode" needs one chosen by hand.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, csrfFrom, attr, decodeEntities, sqlString, text } from './lib.mjs';

const TEST_LA_CODE = 'E07999991'; // an inactive local authority the tests add
const TEST_POSTCODE = 'ZZ11ZZ'; // a postcode of it

let amira;
const drafts = []; // ids of the drafts the tests start, removed afterwards

function refId(list, name) {
	const rows = dbRows(`SELECT id FROM reference_values WHERE list = '${list}' AND name = ${sqlString(name)}`);
	assert.equal(rows.length, 1, `one ${list} ${name}`);
	return rows[0][0];
}

// The list's active values in their configured order.
function activeValues(list) {
	return dbRows(`SELECT name FROM reference_values WHERE list = '${list}' AND retired = 0 ORDER BY position, id`).map((r) => r[0]);
}

function laId(name) {
	const rows = dbRows(`SELECT id FROM local_authorities WHERE name = ${sqlString(name)}`);
	assert.equal(rows.length, 1, `one local authority ${name}`);
	return rows[0][0];
}

// A new draft of amira's: { id, csrf, path(step) }.
async function newDraft(browser = amira) {
	const csrf = csrfFrom((await browser.get('/referrals/new')).body);
	assert.ok(csrf, 'a form token on /referrals/new');
	const res = await browser.post('/referrals/new', { csrf });
	assert.equal(res.status, 303, 'POST /referrals/new starts a draft');
	const id = res.location.match(/\/drafts\/(\d+)\/find$/)?.[1];
	assert.ok(id, `redirected to the find step (${res.location})`);
	drafts.push(id);
	return { id, csrf, path: (step) => `/drafts/${id}/${step}` };
}

// A value as the mariadb client's batch output writes it (\n, \t, \\ escaped).
function unescapeBatch(value) {
	return value.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', 0: '\0' })[c] ?? c);
}

// The draft's values: name → value (lists: name → [values] in position order).
function draftValues(id) {
	const out = {};
	for (const [name, , escaped = ''] of dbRows(`SELECT name, position, value FROM draft_values WHERE draft_id = ${id} ORDER BY name, position`)) {
		const value = unescapeBatch(escaped);
		if (name in out) out[name] = [].concat(out[name], value);
		else out[name] = value;
	}
	return out;
}

// [name, value] pairs for a form post (repeated names for lists).
function pairs(fields, csrf) {
	const out = [['csrf', csrf]];
	for (const [name, value] of Object.entries(fields)) {
		for (const v of [].concat(value)) out.push([name, v]);
	}
	return out;
}

// What a page's form shows for a field: an input's value, a select's chosen option, a textarea's
// text, or the ticked values of checkboxes (an array).
function shown(html, name) {
	const boxes = [...html.matchAll(/<input\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => attr(tag, 'name') === name);
	if (boxes.length && attr(boxes[0], 'type') === 'checkbox') {
		return boxes.filter((tag) => /\schecked\b/i.test(tag)).map((tag) => attr(tag, 'value'));
	}
	if (boxes.length) return attr(boxes[0], 'value') ?? '';
	const select = html.match(new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`, 'i'));
	if (select) {
		const chosen = (select[1].match(/<option\b[^>]*>/gi) || []).find((o) => /\sselected\b/i.test(o));
		return chosen ? attr(chosen, 'value') : '';
	}
	const area = html.match(new RegExp(`<textarea\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`, 'i'));
	if (area) return decodeEntities(area[1]);
	return undefined;
}

// The options of a select: [{ value, text }].
function options(html, name) {
	const select = html.match(new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`, 'i'));
	assert.ok(select, `a select ${name}`);
	return [...select[1].matchAll(/<option\b([^>]*)>([^<]*)/gi)].map((m) => ({ value: attr(`<o ${m[1]}>`, 'value'), text: decodeEntities(m[2]).trim() }));
}

// The message is in the error summary (linking to the field) and beside the field.
function assertError(html, field, message) {
	const summary = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/);
	assert.ok(summary, 'an error summary');
	const link = [...summary[0].matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].find((m) => m[1] === field);
	assert.ok(link, `the summary links to #${field}: ${text(summary[0])}`);
	assert.match(decodeEntities(link[2]), message, `the summary says why (${field})`);
	const beside = html.match(new RegExp(`<p id="${field}-error" class="govuk-error-message">([\\s\\S]*?)</p>`));
	assert.ok(beside, `an error message beside ${field}`);
	assert.match(text(beside[1]).replace(/^\s*Error:\s*/, '').trim(), message, `the message beside ${field}`);
}

function assertNoErrorFor(html, field) {
	assert.doesNotMatch(html, new RegExp(`id="${field}-error"`), `no error for ${field}`);
}

// Every typed field shows again exactly as typed.
function assertKept(html, fields) {
	for (const [name, value] of Object.entries(fields)) {
		if (Array.isArray(value)) assert.deepEqual(shown(html, name).sort(), [...value].sort(), `${name} kept`);
		else assert.equal(shown(html, name), value, `${name} kept`);
	}
}

// A valid client, as typed by someone in a hurry: spaces, mixed case, phone punctuation.
function validClient() {
	return {
		title: refId('title', 'Ms'),
		first_name: '  Zoë ',
		last_name: "O'Brien-Smith",
		dob_day: '05',
		dob_month: '3',
		dob_year: '1990',
		pronoun: refId('pronoun', 'she/her'),
		gender: refId('gender', 'Female'),
		gender_description: '',
		email: ' Zoe.OBrien@Example.ORG ',
		phone: '+44 (0)7700 900123',
		alt_phone: '0113 496 0000',
		contact: ['sms', 'email'],
		nhs_number: '943 476 5919',
		gp_practice_name: '  Park Lane Surgery ',
		gp_ods_code: 'a81001',
	};
}

function validAddress() {
	return {
		address_line1: ' 1 Test Street ',
		address_line2: 'Flat 2',
		town: 'Leeds',
		postcode: 'ls11ur',
		local_authority: laId('Leeds'),
	};
}

function ageOn(year, month, day) {
	const now = new Date();
	let age = now.getFullYear() - year;
	if (now.getMonth() + 1 < month || (now.getMonth() + 1 === month && now.getDate() < day)) age--;
	return age;
}

function cleanUp() {
	db(`DELETE FROM postcodes WHERE postcode = '${TEST_POSTCODE}'`);
	db(`DELETE FROM local_authorities WHERE code = '${TEST_LA_CODE}'`);
	db(`DELETE FROM reference_values WHERE name = 'Test retired title'`);
}

let preferNotToSay; // the setting as it was, put back afterwards

before(async () => {
	cleanUp();
	preferNotToSay = db(`SELECT value FROM settings WHERE name = 'gender_prefer_not_to_say'`).trim();
	db(`UPDATE settings SET value = '1' WHERE name = 'gender_prefer_not_to_say'`);
	db(`INSERT INTO local_authorities (name, code, active) VALUES ('Test Inactive Borough', '${TEST_LA_CODE}', 0)`);
	db(`INSERT INTO postcodes (postcode, local_authority_id, town, is_terminated)
	    SELECT '${TEST_POSTCODE}', id, 'Testtown', 0 FROM local_authorities WHERE code = '${TEST_LA_CODE}'`);
	db(`INSERT INTO reference_values (list, name, position, retired) VALUES ('title', 'Test retired title', 99, 1)`);
	amira = await signedIn('amira');
});

after(() => {
	cleanUp();
	if (preferNotToSay !== '') db(`UPDATE settings SET value = ${sqlString(preferNotToSay)} WHERE name = 'gender_prefer_not_to_say'`);
	if (drafts.length) db(`DELETE FROM drafts WHERE id IN (${drafts.join(',')}) AND sent_at IS NULL`);
});

describe('client details: the form', () => {
	it('offers the configured titles, genders and pronouns (active ones only), every field labelled', async () => {
		const draft = await newDraft();
		const res = await amira.get(draft.path('client'));
		assert.equal(res.status, 200);
		const titles = options(res.body, 'title').map((o) => o.text);
		assert.deepEqual(titles, ['Select a title', ...activeValues('title')]);
		assert.ok(titles.includes('Mx') && titles.includes('Dr'), 'the configured titles');
		assert.ok(!titles.includes('Test retired title'), 'a retired title is not offered');
		assert.deepEqual(options(res.body, 'pronoun').map((o) => o.text), ['Not given', ...activeValues('pronoun')]);
		const genders = options(res.body, 'gender').map((o) => o.text);
		assert.deepEqual(genders, ['Select a gender', ...activeValues('gender')]);
		assert.ok(genders.includes('Prefer to self-describe') && genders.includes('Prefer not to say'));
		for (const id of ['title', 'first_name', 'last_name', 'dob', 'dob_month', 'dob_year', 'pronoun', 'gender', 'gender_description',
			'email', 'phone', 'alt_phone', 'contact', 'contact_phone', 'contact_sms', 'contact_voicemail', 'contact_post',
			'nhs_number', 'gp_practice_name', 'gp_ods_code']) {
			assert.match(res.body, new RegExp(`<label[^>]*for="${id}"`), `a label for ${id}`);
		}
		assert.deepEqual(
			[...res.body.matchAll(/name="contact"[^>]*value="([^"]+)"/g)].map((m) => m[1]),
			['email', 'phone', 'sms', 'voicemail', 'post'],
			'the five contact permissions',
		);
		assert.match(res.body, new RegExp(`href="/referrals/drafts/${draft.id}/find"[^>]*govuk-back-link|govuk-back-link[^>]*href="[^"]*/drafts/${draft.id}/find"`), 'back to the find step');
	});

	it('offers "Prefer not to say" only while the setting gender_prefer_not_to_say is 1', async () => {
		const draft = await newDraft();
		const pnts = refId('gender', 'Prefer not to say');
		try {
			db(`UPDATE settings SET value = '0' WHERE name = 'gender_prefer_not_to_say'`);
			const res = await amira.get(draft.path('client'));
			assert.ok(!options(res.body, 'gender').some((o) => o.text === 'Prefer not to say'), 'not offered with the setting 0');
			const post = await amira.post(draft.path('client'), pairs({ ...validClient(), gender: pnts }, draft.csrf));
			assert.equal(post.status, 400, 'and not accepted either');
			assertError(post.body, 'gender', /Select the client's gender from the list/);

			db(`UPDATE settings SET value = '1' WHERE name = 'gender_prefer_not_to_say'`);
			const again = await amira.get(draft.path('client'));
			assert.ok(options(again.body, 'gender').some((o) => o.text === 'Prefer not to say' && o.value === pnts), 'offered with the setting 1');
			const ok = await amira.post(draft.path('client'), pairs({ ...validClient(), gender: pnts }, draft.csrf));
			assert.equal(ok.status, 303);
			assert.equal(draftValues(draft.id).gender, pnts);
		} finally {
			db(`UPDATE settings SET value = '1' WHERE name = 'gender_prefer_not_to_say'`);
		}
	});

	it('shows the age once the date of birth is valid, and not before', async () => {
		const draft = await newDraft();
		let res = await amira.get(draft.path('client'));
		assert.doesNotMatch(text(res.body), /Age: \d/);
		res = await amira.post(draft.path('client'), pairs({ ...validClient(), phone: '' }, draft.csrf));
		assert.equal(res.status, 400);
		assert.match(text(res.body), new RegExp(`Age: ${ageOn(1990, 3, 5)}\\b`), 'the age beside a valid date, on a page with errors');
		res = await amira.get(draft.path('client'));
		assert.match(text(res.body), new RegExp(`Age: ${ageOn(1990, 3, 5)}\\b`), 'and after a reload');
		res = await amira.post(draft.path('client'), pairs({ ...validClient(), dob_day: '31', dob_month: '2' }, draft.csrf));
		assert.doesNotMatch(text(res.body), /Age: \d/, 'no age for 31 February');
	});
});

describe('client details: valid values', () => {
	it('moves on to the address and stores every value normalised', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('client'), pairs(validClient(), draft.csrf));
		assert.equal(res.status, 303);
		assert.equal(res.location, `/referrals/drafts/${draft.id}/address`);
		const v = draftValues(draft.id);
		assert.equal(v.first_name, 'Zoë');
		assert.equal(v.last_name, "O'Brien-Smith");
		assert.deepEqual([v.dob_day, v.dob_month, v.dob_year], ['5', '3', '1990']);
		assert.equal(v.email, 'Zoe.OBrien@example.org', 'the domain in lower case, trimmed');
		assert.equal(v.phone, '07700900123', 'phone digits, national format');
		assert.equal(v.alt_phone, '01134960000');
		assert.deepEqual(v.contact, ['email', 'sms'], 'permissions in their order');
		assert.equal(v.nhs_number, '9434765919');
		assert.equal(v.gp_practice_name, 'Park Lane Surgery');
		assert.equal(v.gp_ods_code, 'A81001');
		assert.equal(v.title, refId('title', 'Ms'));
		assert.equal(v.pronoun, refId('pronoun', 'she/her'));
		assert.equal(v.gender, refId('gender', 'Female'));
		assert.equal(v.gender_description, undefined, 'no description without a self-described gender');

		const page = await amira.get(draft.path('client'));
		assertKept(page.body, {
			first_name: 'Zoë', phone: '07700900123', email: 'Zoe.OBrien@example.org',
			nhs_number: '9434765919', gp_ods_code: 'A81001', contact: ['email', 'sms'], dob_day: '5',
		});
	});

	it('takes the optional fields empty, and accepts accents, hyphens and apostrophes in names', async () => {
		const draft = await newDraft();
		const fields = {
			first_name: 'Zoë-Æsa', last_name: 'D’Arcy Ó Súilleabháin', dob_day: '1', dob_month: '1', dob_year: '2000',
			gender: refId('gender', 'Male'), phone: '01632 960001',
		};
		const res = await amira.post(draft.path('client'), pairs(fields, draft.csrf));
		assert.equal(res.status, 303, text(res.body).slice(0, 400));
		const v = draftValues(draft.id);
		assert.equal(v.last_name, 'D’Arcy Ó Súilleabháin');
		for (const name of ['title', 'pronoun', 'email', 'alt_phone', 'contact', 'nhs_number', 'gp_practice_name', 'gp_ods_code']) {
			assert.equal(v[name], undefined, `${name} empty`);
		}
	});

	it('asks for a description with "Prefer to self-describe" and keeps it', async () => {
		const draft = await newDraft();
		const self = refId('gender', 'Prefer to self-describe');
		let res = await amira.post(draft.path('client'), pairs({ ...validClient(), gender: self }, draft.csrf));
		assert.equal(res.status, 400);
		assertError(res.body, 'gender_description', /Enter the client's gender in their own words/);
		res = await amira.post(draft.path('client'), pairs({ ...validClient(), gender: self, gender_description: ' Genderfluid ' }, draft.csrf));
		assert.equal(res.status, 303);
		assert.equal(draftValues(draft.id).gender_description, 'Genderfluid');
		// another gender drops the description
		res = await amira.post(draft.path('client'), pairs({ ...validClient(), gender_description: 'Genderfluid' }, draft.csrf));
		assert.equal(res.status, 303);
		assert.equal(draftValues(draft.id).gender_description, undefined);
	});

	it('accepts a baby born today', async () => {
		const draft = await newDraft();
		const now = new Date();
		const res = await amira.post(draft.path('client'), pairs({
			...validClient(), dob_day: String(now.getDate()), dob_month: String(now.getMonth() + 1), dob_year: String(now.getFullYear()),
		}, draft.csrf));
		assert.equal(res.status, 303);
	});
});

describe('client details: each rule', () => {
	const nextYear = String(new Date().getFullYear() + 1);
	const cases = [
		['title', { title: '999999' }, /Select a title from the list/],
		['title', { title: () => refId('title', 'Test retired title') }, /Select a title from the list/],
		['first_name', { first_name: '' }, /Enter the client's first name/],
		['first_name', { first_name: '   ' }, /Enter the client's first name/],
		['first_name', { first_name: 'J0hn' }, /First name must only include letters, spaces, hyphens, apostrophes and full stops/],
		['first_name', { first_name: 'Ann<script>' }, /First name must only include letters/],
		['last_name', { last_name: '' }, /Enter the client's last name/],
		['last_name', { last_name: 'x'.repeat(101) }, /Last name must be 100 characters or fewer/],
		['last_name', { last_name: "-'-" }, /Last name must include a letter/],
		['last_name', { last_name: "Smith'; DROP TABLE clients; --" }, /Last name must only include letters/],
		['dob', { dob_day: '', dob_month: '', dob_year: '' }, /Enter a date of birth/],
		['dob', { dob_day: '' }, /Date of birth must include a day/],
		['dob', { dob_month: '', dob_year: '' }, /Date of birth must include a month and year/],
		['dob', { dob_day: '31', dob_month: '2' }, /Date of birth must be a real date/],
		['dob', { dob_day: 'x' }, /Date of birth must be a real date|Date of birth must include/],
		['dob', { dob_year: '90' }, /Year must include 4 numbers/],
		['dob', { dob_year: '1850' }, /Year must be between 1900 and 2100/],
		['dob', { dob_year: nextYear }, /Date of birth must be today or in the past/],
		['pronoun', { pronoun: 'abc' }, /Select the client's pronouns from the list/],
		['gender', { gender: '' }, /Select the client's gender$/],
		['gender', { gender: () => refId('title', 'Mr') }, /Select the client's gender from the list/],
		['gender_description', { gender: () => refId('gender', 'Prefer to self-describe'), gender_description: 'y'.repeat(101) }, /Gender description must be 100 characters or fewer/],
		['email', { email: 'not-an-email' }, /Enter an email address in the correct format/],
		['email', { email: 'a@b' }, /Enter an email address in the correct format/],
		['email', { email: '', contact: ['email'] }, /Enter an email address to contact the client by email/],
		['phone', { phone: '' }, /Enter a phone number$/],
		['phone', { phone: '12345' }, /Enter a phone number, like/],
		['phone', { phone: '+33 1 23 45 67 89' }, /Enter a UK phone number, starting 0 or \+44/],
		['alt_phone', { alt_phone: 'call me' }, /Enter an alternative phone number, like/],
		['contact', { phone: '0113 496 0000', alt_phone: '', contact: ['sms'] }, /Enter a mobile number \(starting 07\) .* to contact the client by SMS/],
		['contact', { contact: ['fax'] }, /Select the ways the client agrees to be contacted from the list/],
		['nhs_number', { nhs_number: '943 476 5918' }, /Enter a real NHS number – check each digit/],
		['nhs_number', { nhs_number: '485 777 3456' }, /Enter a real NHS number – check each digit/],
		['nhs_number', { nhs_number: '123' }, /Enter an NHS number in the correct format, like 485 777 3456/],
		['gp_practice_name', { gp_practice_name: 'p'.repeat(201) }, /GP practice name must be 200 characters or fewer/],
		['gp_practice_name', { gp_practice_name: 'Line one\nline two' }, /GP practice name: Remove the line breaks/],
		['gp_ods_code', { gp_ods_code: 'RR8' }, /Enter a GP practice code in the correct format, like A81001/],
	];
	for (const [field, change, message] of cases) {
		it(`${field} ${JSON.stringify(change).slice(0, 60)}: 400, the message, every value kept`, async () => {
			const draft = await newDraft();
			const fields = validClient();
			for (const [name, value] of Object.entries(change)) fields[name] = typeof value === 'function' ? value() : value;
			const res = await amira.post(draft.path('client'), pairs(fields, draft.csrf));
			assert.equal(res.status, 400);
			assertError(res.body, field, message);
			for (const page of [res.body, (await amira.get(draft.path('client'))).body]) {
				for (const [name, value] of Object.entries(fields)) {
					if (Array.isArray(value)) {
						// only the five ways are boxes to tick
						assert.deepEqual(shown(page, name).sort(), value.filter((v) => ['email', 'phone', 'sms', 'voicemail', 'post'].includes(v)).sort(), `${name} kept`);
					} else if (['title', 'pronoun', 'gender'].includes(name) && !options(page, name).some((o) => o.value === value)) {
						assert.equal(shown(page, name), '', `${name}: a value that is no option leaves the select unchosen`);
					} else {
						assert.equal(shown(page, name), value, `${name} kept as typed`);
					}
				}
			}
			// what was typed is in the draft, exactly
			const v = draftValues(draft.id);
			for (const [name, value] of Object.entries(fields)) {
				if (Array.isArray(value)) assert.deepEqual([].concat(v[name] ?? []), value, `${name} saved`);
				else assert.equal(v[name] ?? '', value, `${name} saved as typed`);
			}
		});
	}

	it('reports every problem at once, in the order of the page', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('client'), pairs({ contact: 'email' }, draft.csrf));
		assert.equal(res.status, 400);
		const summary = res.body.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)[0];
		assert.deepEqual([...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]), ['first_name', 'last_name', 'dob', 'gender', 'email', 'phone']);
		assert.match(res.body, /<title>Error: Client details/);
	});
});

describe('client details: payloads are kept literally and shown escaped', () => {
	it('stores SQL and script in free-text fields as typed, shows them escaped, and the page still works', async () => {
		const draft = await newDraft();
		const payload = `<script>alert("x")</script>'; DROP TABLE clients; --`;
		const fields = { ...validClient(), gp_practice_name: payload, gender: refId('gender', 'Prefer to self-describe'), gender_description: payload, email: payload, contact: ['sms'] };
		const res = await amira.post(draft.path('client'), pairs(fields, draft.csrf));
		assert.equal(res.status, 400, 'the email is not an email');
		assert.doesNotMatch(res.body, /<script>alert/, 'never output as markup');
		assert.match(res.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&#39;; DROP TABLE clients; --/);
		for (const name of ['gp_practice_name', 'gender_description', 'email']) assert.equal(shown(res.body, name), payload, `${name} shown as typed`);
		const v = draftValues(draft.id);
		assert.equal(v.gp_practice_name, payload);
		assert.equal(v.email, payload);
		assert.equal(db(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'referrals' AND table_name = 'clients'`).trim(), '1');
		const fixed = await amira.post(draft.path('client'), pairs({ ...fields, email: '' }, draft.csrf));
		assert.equal(fixed.status, 303, 'valid once the email is gone');
		assert.equal(draftValues(draft.id).gp_practice_name, `<script>alert("x")</script>'; DROP TABLE clients; --`);
		assert.equal(draftValues(draft.id).gender_description, payload);
	});
});

describe('address: the form', () => {
	it('offers the active local authorities only, by name, with the lookup script', async () => {
		const draft = await newDraft();
		const res = await amira.get(draft.path('address'));
		assert.equal(res.status, 200);
		const las = options(res.body, 'local_authority');
		assert.equal(las[0].value, '');
		const names = las.slice(1).map((o) => o.text);
		assert.ok(names.includes('Leeds') && names.includes('Cardiff'), 'the demo local authorities');
		assert.ok(!names.includes('Test Inactive Borough'), 'not an inactive one');
		const at = (name) => names.indexOf(name);
		assert.ok(at('Birmingham') < at('Cardiff') && at('Cardiff') < at('Leeds') && at('Leeds') < at('Westminster'), 'by name');
		for (const id of ['no_fixed_abode', 'address_line1', 'address_line2', 'town', 'postcode', 'local_authority']) {
			assert.match(res.body, new RegExp(`<label[^>]*for="${id}"`), `a label for ${id}`);
		}
		assert.match(res.body, /<script type="module" src="\/referrals\/static\/postcode-lookup\.js\?v=[^"]+"><\/script>/);
		assert.match(res.body, /data-lookup-url="\/referrals\/api\/postcodes\/"/);
		const js = await new Browser().get('/static/postcode-lookup.js');
		assert.equal(js.status, 200, 'the script is served');
		assert.match(js.body, /Find address details/);
	});

	// issue 12 point 5: GOV.UK "find an address" order, and No fixed abode hiding the address
	it('asks the postcode first, then the address lines, with No fixed abode revealing only the local authority', async () => {
		const draft = await newDraft();
		const body = (await amira.get(draft.path('address'))).body;
		const at = (id) => body.indexOf(`id="${id}"`);
		assert.ok(at('no_fixed_abode') < at('address-fields'), 'No fixed abode first: it decides what is asked');
		assert.ok(at('address-fields') < at('postcode') && at('postcode') < at('address_line1') && at('address_line1') < at('address_line2') && at('address_line2') < at('town'), 'postcode, then the lines and the town');
		assert.ok(at('town') < at('local_authority'), 'the local authority last, outside the address block');
		const block = body.slice(at('address-fields'), body.indexOf('Local authority</h2>'));
		assert.doesNotMatch(block, /id="local_authority"/, 'the local authority stays when the address is hidden');
		assert.match(text(body), /The address is not asked: choose the local authority they live in yourself/);
		assert.match(body, /<script type="module" src="\/referrals\/static\/no-fixed-abode\.js\?v=[^"]+"><\/script>/);
		const js = await new Browser().get('/static/no-fixed-abode.js');
		assert.equal(js.status, 200, 'the reveal script is served');
		assert.match(js.body, /getElementById\('address-fields'\)/);
	});

	it('lists the address problems in the order of the page: the postcode before the lines', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('address'), pairs({ address_line1: '', postcode: '', town: '', local_authority: '' }, draft.csrf));
		assert.equal(res.status, 400);
		const summary = res.body.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)[0];
		const order = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
		assert.deepEqual(order.slice(0, 2), ['postcode', 'address_line1'], order.join(', '));
		assert.ok(order.every((id) => ['postcode', 'address_line1', 'local_authority'].includes(id)) && order.indexOf('local_authority') <= 2);
	});
});

describe('address: valid values', () => {
	it('moves on to consent and stores the address normalised', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('address'), pairs(validAddress(), draft.csrf));
		assert.equal(res.status, 303, text(res.body).slice(0, 500));
		assert.equal(res.location, `/referrals/drafts/${draft.id}/consent`);
		const v = draftValues(draft.id);
		assert.equal(v.address_line1, '1 Test Street');
		assert.equal(v.address_line2, 'Flat 2');
		assert.equal(v.town, 'Leeds');
		assert.equal(v.postcode, 'LS1 1UR');
		assert.equal(v.local_authority, laId('Leeds'));
		assert.equal(v.no_fixed_abode, undefined);
		const page = await amira.get(draft.path('address'));
		assert.equal(shown(page.body, 'postcode'), 'LS1 1UR');
		assert.equal(shown(page.body, 'local_authority'), laId('Leeds'));
	});

	it('without JavaScript, fills the local authority and the town from a known postcode', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('address'), pairs({ address_line1: '1 Test Street', postcode: 'ls1 1ur', town: '', local_authority: '' }, draft.csrf));
		assert.equal(res.status, 303);
		const v = draftValues(draft.id);
		assert.equal(v.local_authority, laId('Leeds'));
		assert.equal(v.town, 'Leeds');
		assert.equal(v.postcode, 'LS1 1UR');
	});

	it('fills them in even when something else is wrong, so the page shows them', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('address'), pairs({ address_line1: '', postcode: 'M1 1AE', town: '', local_authority: '' }, draft.csrf));
		assert.equal(res.status, 400);
		assertError(res.body, 'address_line1', /Enter address line 1, typically the building and street/);
		assertNoErrorFor(res.body, 'local_authority');
		assert.equal(shown(res.body, 'local_authority'), laId('Manchester'));
		assert.equal(shown(res.body, 'town'), 'Manchester');
	});

	it('keeps a local authority chosen by hand, and a town typed', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('address'), pairs({ ...validAddress(), town: 'Headingley', local_authority: laId('Cardiff') }, draft.csrf));
		assert.equal(res.status, 303);
		const v = draftValues(draft.id);
		assert.equal(v.local_authority, laId('Cardiff'));
		assert.equal(v.town, 'Headingley');
	});

	it('fills them again when the postcode they came from changes', async () => {
		const draft = await newDraft();
		let res = await amira.post(draft.path('address'), pairs({ address_line1: '1 Test Street', postcode: 'LS1 1UR', town: '', local_authority: '' }, draft.csrf));
		assert.equal(res.status, 303);
		// the form now shows Leeds, and posts it back with the new postcode
		res = await amira.post(draft.path('address'), pairs({ address_line1: '1 Test Street', postcode: 'CF10 1EP', town: 'Leeds', local_authority: laId('Leeds') }, draft.csrf));
		assert.equal(res.status, 303);
		let v = draftValues(draft.id);
		assert.equal(v.local_authority, laId('Cardiff'));
		assert.equal(v.town, 'Cardiff');
		// to a postcode the table does not have: the user must choose
		res = await amira.post(draft.path('address'), pairs({ address_line1: '1 Test Street', postcode: 'ZZ9 9ZZ', town: 'Cardiff', local_authority: laId('Cardiff') }, draft.csrf));
		assert.equal(res.status, 400);
		assertError(res.body, 'local_authority', /Select the local authority the client lives in: postcode ZZ9 9ZZ is not in the postcode list/);
		assert.equal(shown(res.body, 'local_authority'), '');
		v = draftValues(draft.id);
		assert.equal(v.local_authority, undefined);
		assert.equal(v.postcode, 'ZZ9 9ZZ', 'the postcode typed is kept');
		// chosen by hand now: kept whatever the postcode
		res = await amira.post(draft.path('address'), pairs({ address_line1: '1 Test Street', postcode: 'ZZ9 9ZZ', town: '', local_authority: laId('Camden') }, draft.csrf));
		assert.equal(res.status, 303);
		res = await amira.post(draft.path('address'), pairs({ address_line1: '1 Test Street', postcode: 'LS1 1UR', town: '', local_authority: laId('Camden') }, draft.csrf));
		assert.equal(res.status, 303);
		assert.equal(draftValues(draft.id).local_authority, laId('Camden'));
	});

	it('does not fill in an inactive local authority', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('address'), pairs({ address_line1: '1 Test Street', postcode: TEST_POSTCODE, town: '', local_authority: '' }, draft.csrf));
		assert.equal(res.status, 400);
		assertError(res.body, 'local_authority', /^Select the local authority the client lives in$/);
		assert.equal(draftValues(draft.id).local_authority ?? '', '');
	});
});

describe('address: each rule', () => {
	const inactive = () => dbRows(`SELECT id FROM local_authorities WHERE code = '${TEST_LA_CODE}'`)[0][0];
	const cases = [
		['address_line1', { address_line1: '' }, /Enter address line 1, typically the building and street/],
		['address_line1', { address_line1: 'a'.repeat(201) }, /Address line 1 must be 200 characters or fewer/],
		['address_line2', { address_line2: 'b'.repeat(201) }, /Address line 2 must be 200 characters or fewer/],
		['address_line2', { address_line2: 'tab\there' }, /Address line 2: Remove the line breaks and special characters/],
		['town', { town: 't'.repeat(101) }, /Town or city must be 100 characters or fewer/],
		['postcode', { postcode: '' }, /Enter a postcode, or select No fixed abode/],
		['postcode', { postcode: 'LS1' }, /Enter a full UK postcode, like SW1A 1AA/],
		['postcode', { postcode: "LS1 1UR'; DROP TABLE postcodes; --" }, /Enter a full UK postcode/],
		['local_authority', { postcode: 'ZZ9 9ZZ', local_authority: '' }, /Select the local authority the client lives in: postcode ZZ9 9ZZ is not in the postcode list/],
		['local_authority', { local_authority: inactive }, /Select the local authority the client lives in from the list/],
		['local_authority', { local_authority: '99999999' }, /Select the local authority the client lives in from the list/],
		['no_fixed_abode', { no_fixed_abode: '1' }, /Select No fixed abode only for a client without an address/],
	];
	for (const [field, change, message] of cases) {
		it(`${field} ${JSON.stringify(change).slice(0, 60)}: 400, the message, every value kept`, async () => {
			const draft = await newDraft();
			const fields = validAddress();
			for (const [name, value] of Object.entries(change)) fields[name] = typeof value === 'function' ? value() : value;
			const res = await amira.post(draft.path('address'), pairs(fields, draft.csrf));
			assert.equal(res.status, 400);
			assertError(res.body, field, message);
			const expected = { ...fields };
			if (expected.no_fixed_abode !== undefined) expected.no_fixed_abode = [expected.no_fixed_abode];
			for (const page of [res.body, (await amira.get(draft.path('address'))).body]) {
				for (const [name, value] of Object.entries(expected)) {
					if (name === 'local_authority' && (value === inactive() || value === '99999999')) continue; // not an option to select
					if (Array.isArray(value)) assert.deepEqual(shown(page, name), value, `${name} kept`);
					else assert.equal(shown(page, name), value, `${name} kept as typed`);
				}
			}
			const v = draftValues(draft.id);
			for (const [name, value] of Object.entries(fields)) assert.equal(v[name] ?? '', value, `${name} saved as typed`);
		});
	}
});

describe('address: No fixed abode', () => {
	it('needs no address, but a local authority chosen by hand', async () => {
		const draft = await newDraft();
		let res = await amira.post(draft.path('address'), pairs({ no_fixed_abode: '1', address_line1: '', postcode: '', town: '', local_authority: '' }, draft.csrf));
		assert.equal(res.status, 400);
		assertError(res.body, 'local_authority', /^Select the local authority the client lives in$/);
		assertNoErrorFor(res.body, 'address_line1');
		assertNoErrorFor(res.body, 'postcode');
		assert.deepEqual(shown(res.body, 'no_fixed_abode'), ['1'], 'the box stays ticked');

		res = await amira.post(draft.path('address'), pairs({ no_fixed_abode: '1', town: 'Leeds', local_authority: laId('Leeds') }, draft.csrf));
		assert.equal(res.status, 303);
		const v = draftValues(draft.id);
		assert.equal(v.no_fixed_abode, '1');
		assert.equal(v.local_authority, laId('Leeds'));
		assert.equal(v.town, 'Leeds', 'the area they stay in');
		assert.equal(v.address_line1, undefined);
		assert.equal(v.postcode, undefined);
	});

	it('is cleared by a post without the box ticked, and the address is then required again', async () => {
		const draft = await newDraft();
		let res = await amira.post(draft.path('address'), pairs({ no_fixed_abode: '1', local_authority: laId('Leeds') }, draft.csrf));
		assert.equal(res.status, 303);
		res = await amira.post(draft.path('address'), pairs({ local_authority: laId('Leeds') }, draft.csrf));
		assert.equal(res.status, 400);
		assertError(res.body, 'address_line1', /Enter address line 1/);
		assertError(res.body, 'postcode', /Enter a postcode, or select No fixed abode/);
		assert.equal(draftValues(draft.id).no_fixed_abode, undefined);
		assert.deepEqual(shown(res.body, 'no_fixed_abode'), []);
	});
});

describe('address: payloads are kept literally and shown escaped', () => {
	it('stores SQL and script in the address lines as typed and shows them escaped', async () => {
		const draft = await newDraft();
		const payload = `<img src=x onerror=alert(1)>"; DELETE FROM postcodes; --`;
		const res = await amira.post(draft.path('address'), pairs({ ...validAddress(), address_line1: payload, address_line2: payload, town: payload }, draft.csrf));
		assert.equal(res.status, 303);
		const v = draftValues(draft.id);
		assert.equal(v.address_line1, payload);
		assert.equal(v.town, payload);
		const page = await amira.get(draft.path('address'));
		assert.doesNotMatch(page.body, /<img src=x/);
		assert.equal(shown(page.body, 'address_line1'), payload);
		assert.ok(Number(db('SELECT COUNT(*) FROM postcodes')) > 0, 'the postcodes are all there');
	});
});

describe('the postcode lookup endpoint', () => {
	it('answers a known postcode in any case and spacing with its town and local authority', async () => {
		for (const typed of ['LS11UR', 'ls1%201ur', 'Ls1+1uR'.replace('+', '%20')]) {
			const res = await amira.get(`/api/postcodes/${typed}`);
			assert.equal(res.status, 200, typed);
			assert.match(res.headers['content-type'], /^application\/json/);
			const body = JSON.parse(res.body);
			assert.equal(body.postcode, 'LS1 1UR');
			assert.equal(body.town, 'Leeds');
			assert.equal(String(body.local_authority_id), laId('Leeds'));
			assert.equal(body.local_authority, 'Leeds');
			assert.equal(body.local_authority_code, 'E08000035');
			assert.equal(body.local_authority_active, true);
		}
	});

	it('says so for a postcode of an inactive local authority', async () => {
		const res = await amira.get(`/api/postcodes/${TEST_POSTCODE}`);
		assert.equal(res.status, 200);
		const body = JSON.parse(res.body);
		assert.equal(body.local_authority, 'Test Inactive Borough');
		assert.equal(body.local_authority_active, false);
	});

	it('answers 404 JSON for a postcode it does not have', async () => {
		const res = await amira.get('/api/postcodes/ZZ99ZZ');
		assert.equal(res.status, 404);
		assert.match(res.headers['content-type'], /^application\/json/);
		const body = JSON.parse(res.body);
		assert.equal(body.error, 'not_found');
		assert.match(body.message, /ZZ9 9ZZ is not in the postcode list/);
	});

	it('answers 400 JSON for something that is not a postcode', async () => {
		for (const typed of ['hello', 'LS1', 'SW1A%201AAA', encodeURIComponent("LS1 1UR' OR '1'='1"), encodeURIComponent('<script>')]) {
			const res = await amira.get(`/api/postcodes/${typed}`);
			assert.equal(res.status, 400, typed);
			assert.match(res.headers['content-type'], /^application\/json/);
			const body = JSON.parse(res.body);
			assert.equal(body.error, 'invalid');
			assert.match(body.message, /Enter a full UK postcode/);
		}
	});

	it('is for signed-in staff only', async () => {
		const anonymous = await new Browser().get('/api/postcodes/LS11UR');
		assert.equal(anonymous.status, 303);
		assert.match(anonymous.location, /\/referrals\/signin/);
		const dan = await signedIn('dan'); // in no organisation
		const res = await dan.get('/api/postcodes/LS11UR');
		assert.equal(res.status, 403);
		assert.doesNotMatch(res.body, /E08000035/);
	});
});

describe('the steps belong to their draft', () => {
	it('another staff member cannot see or post them', async () => {
		const draft = await newDraft();
		await amira.post(draft.path('client'), pairs(validClient(), draft.csrf));
		const ben = await signedIn('ben');
		const csrf = csrfFrom((await ben.get('/referrals/new')).body);
		assert.equal((await ben.get(draft.path('client'))).status, 404);
		assert.equal((await ben.post(draft.path('address'), pairs(validAddress(), csrf))).status, 404);
		assert.equal(draftValues(draft.id).address_line1, undefined);
	});

	it('without a form token nothing is saved', async () => {
		const draft = await newDraft();
		const res = await amira.post(draft.path('client'), validClient());
		assert.equal(res.status, 403);
		assert.deepEqual(draftValues(draft.id), {});
	});
});
