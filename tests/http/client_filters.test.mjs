// The client list's search and filters (issue 12, point 9): postcode (whole or its first
// part), date of birth, age from / to, gender and local authority, in the address so a view
// can be bookmarked; each chosen filter shown as a tag that links to the list without it.
// Visibility comes first: a filter only narrows the clients the organisation may see
// (client_orgs), never reveals another organisation's client, and administrators see all.
// A value that makes no sense answers 400 with a message beside the field, the value kept.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, sqlString, organisationId, BASE_PATH } from './lib.mjs';

const DOMAIN = 'client-filters.example';
const RIVERSIDE = 'Riverside Citizens Advice';
const THERAPIES = 'Eastbrook NHS Talking Therapies';

let admin, amira;
const c = {};
let woman, man, la1, la2, amiraId;

const one = (sql) => dbRows(sql)[0][0];

function cleanUp() {
	const ids = `SELECT id FROM clients WHERE email LIKE '%@${DOMAIN}'`;
	db(`DELETE co FROM client_orgs co JOIN (${ids}) c ON c.id = co.client_id`);
	db(`DELETE FROM clients WHERE email LIKE '%@${DOMAIN}'`);
}

let counter = 0;
async function client(first, fields, orgs) {
	const pairs = Object.entries({ first_name: first, last_name: 'Filtertest', email: `f${++counter}@${DOMAIN}`, created_by: amiraId, ...fields });
	for (const name of orgs) pairs.push(['org', organisationId(name)]);
	const res = await new Browser().post('/_test/clients', pairs, { origin: null });
	assert.equal(res.status, 200, res.body);
	return String(JSON.parse(res.body).id);
}

// The ids of the clients a page lists, in order.
const idsIn = (html) => [...html.matchAll(/data-client-id="(\d+)"/g)].map((m) => m[1]);

async function list(who, params) {
	return who.get('/clients?' + new URLSearchParams(params));
}

async function ids(who, params) {
	const res = await list(who, params);
	assert.equal(res.status, 200, `${JSON.stringify(params)}: ${text(res.body).slice(0, 300)}`);
	return idsIn(res.body);
}

// A date of birth for someone who is `years` old today (their birthday a month ago).
function bornYearsAgo(years) {
	const d = new Date();
	d.setUTCMonth(d.getUTCMonth() - 1);
	d.setUTCFullYear(d.getUTCFullYear() - years);
	return d.toISOString().slice(0, 10);
}

before(async () => {
	cleanUp();
	amira = await signedIn('amira');
	admin = await signedIn('admin');
	amiraId = one(`SELECT id FROM staff WHERE username = 'amira'`);
	woman = one(`SELECT id FROM reference_values WHERE list = 'gender' AND name = 'Female'`);
	man = one(`SELECT id FROM reference_values WHERE list = 'gender' AND name = 'Male'`);
	[la1, la2] = dbRows('SELECT id FROM local_authorities WHERE active = 1 ORDER BY id LIMIT 2').map((r) => String(r[0]));
	// Riverside sees Ann, Bea and Dot; Cat (the same postcode, birth date, gender and local
	// authority as Ann) only Eastbrook
	c.ann = await client('Ann', { date_of_birth: '1980-05-05', postcode: 'ZZ9 1AA', gender_id: woman, local_authority_id: la1 }, [RIVERSIDE]);
	c.bea = await client('Bea', { date_of_birth: bornYearsAgo(25), postcode: 'ZZ9 2BB', gender_id: man, local_authority_id: la2 }, [RIVERSIDE]);
	c.cat = await client('Cat', { date_of_birth: '1980-05-05', postcode: 'ZZ9 1AA', gender_id: woman, local_authority_id: la1 }, [THERAPIES]);
	c.dot = await client('Dot', { date_of_birth: bornYearsAgo(70), postcode: 'ZZ98 1CC', gender_id: woman, local_authority_id: la2 }, [RIVERSIDE]);
});

after(cleanUp);

describe('client list filters', () => {
	it('filters by a whole postcode or its first part, in any case and spacing', async () => {
		assert.deepEqual(await ids(amira, { postcode: 'ZZ9' }), [c.bea, c.ann], 'ZZ9 is not ZZ98');
		assert.deepEqual(await ids(amira, { postcode: 'zz9 1aa' }), [c.ann]);
		assert.deepEqual(await ids(amira, { postcode: 'ZZ91AA' }), [c.ann]);
		assert.deepEqual(await ids(amira, { postcode: 'zz98' }), [c.dot]);
	});

	it('filters by date of birth and by age', async () => {
		assert.deepEqual(await ids(amira, { born: '1980-05-05' }), [c.ann]);
		assert.deepEqual(await ids(amira, { q: 'Filtertest', age_from: '20', age_to: '30' }), [c.bea]);
		assert.deepEqual(await ids(amira, { q: 'Filtertest', age_from: '60' }), [c.dot]);
		assert.deepEqual(await ids(amira, { q: 'Filtertest', age_from: '40' }), [c.dot, c.ann]);
		assert.deepEqual(await ids(amira, { q: 'Filtertest', age_to: '25' }), [c.bea], 'age to includes that age');
	});

	it('filters by gender and local authority, and combines every filter', async () => {
		assert.deepEqual(await ids(amira, { q: 'Filtertest', gender: woman }), [c.dot, c.ann]);
		assert.deepEqual(await ids(amira, { q: 'Filtertest', local_authority: la2 }), [c.dot, c.bea]);
		assert.deepEqual(await ids(amira, { postcode: 'ZZ9', gender: woman, local_authority: la1 }), [c.ann]);
		assert.deepEqual(await ids(amira, { q: 'ann', postcode: 'ZZ9 1AA', born: '1980-05-05', age_from: '40', gender: woman, local_authority: la1 }), [c.ann]);
		assert.deepEqual(await ids(amira, { q: 'bea', gender: woman }), [], 'filters combine with the search');
		const none = await list(amira, { postcode: 'ZZ9', gender: man, local_authority: la1 });
		assert.match(text(none.body), /No client matches your search and filters/);
	});

	it('never reveals a client of another organisation through a filter', async () => {
		const reveals = [
			{ postcode: 'ZZ9 1AA' },
			{ postcode: 'ZZ9' },
			{ born: '1980-05-05' },
			{ q: 'cat filtertest' },
			{ gender: woman },
			{ local_authority: la1 },
			{ age_from: '40', age_to: '50' },
			{ postcode: 'ZZ9', born: '1980-05-05', gender: woman, local_authority: la1 },
			{ q: 'Filtertest', postcode: 'ZZ9 1AA', born: '1980-05-05' },
		];
		for (const params of reveals) {
			const res = await list(amira, params);
			assert.ok(!idsIn(res.body).includes(c.cat), `${JSON.stringify(params)} does not list Cat`);
			assert.doesNotMatch(text(res.body), /Cat Filtertest/, `${JSON.stringify(params)} does not name Cat`);
		}
		assert.deepEqual(await ids(amira, { born: '1980-05-05', postcode: 'ZZ9 1AA' }), [c.ann]);
		// Eastbrook sees Cat, not Ann
		const chloe = await signedIn('chloe');
		assert.deepEqual(await ids(chloe, { born: '1980-05-05', postcode: 'ZZ9 1AA' }), [c.cat]);
	});

	it('shows an administrator every client the filters match', async () => {
		assert.deepEqual(await ids(admin, { postcode: 'ZZ9 1AA' }), [c.cat, c.ann]);
		assert.deepEqual(await ids(admin, { born: '1980-05-05', gender: woman, local_authority: la1 }), [c.cat, c.ann]);
		assert.deepEqual(await ids(admin, { q: 'Filtertest', local_authority: la1 }), [c.cat, c.ann]);
		assert.deepEqual(await ids(admin, { q: 'Filtertest', gender: man }), [c.bea]);
		const gender = await list(admin, { gender: woman, local_authority: la1 });
		assert.ok(idsIn(gender.body).includes(c.cat) && idsIn(gender.body).includes(c.ann), 'gender and local authority alone, for all clients');
		assert.match(text(gender.body), /As an administrator you see every client/);
	});

	it('shows each chosen filter as a tag linking to the list without it', async () => {
		const params = { q: 'Filtertest', postcode: 'zz9', born: '1980-05-05', age_from: '40', age_to: '50', gender: woman, local_authority: la1 };
		const res = await list(amira, params);
		assert.equal(res.status, 200);
		const tags = [...res.body.matchAll(/<a class="app-filter-tag" href="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => ({ href: m[1].replace(/&amp;/g, '&'), text: text(m[2]).trim() }));
		const laName = one(`SELECT name FROM local_authorities WHERE id = ${la1}`);
		assert.deepEqual(tags.map((t) => t.text), [
			'Remove this filter: Search: Filtertest',
			'Remove this filter: Postcode: ZZ9',
			'Remove this filter: Born: 5 May 1980',
			'Remove this filter: Age from: 40',
			'Remove this filter: Age to: 50',
			'Remove this filter: Gender: Female',
			`Remove this filter: Local authority: ${laName}`,
		]);
		const names = Object.keys(params);
		tags.forEach((tag, i) => {
			const url = new URL(tag.href, 'http://x');
			assert.equal(url.pathname, `${BASE_PATH}/clients`);
			const kept = Object.fromEntries(url.searchParams);
			const want = { ...params };
			delete want[names[i]];
			assert.deepEqual(kept, want, `the ${names[i]} tag removes only ${names[i]}`);
		});
		assert.match(res.body, new RegExp(`<a class="govuk-link" href="${BASE_PATH}/clients">Clear filters</a>`));
		// the form keeps every value
		assert.match(res.body, /<input[^>]*id="postcode"[^>]*value="zz9"/);
		assert.match(res.body, new RegExp(`<option value="${woman}" selected>Female</option>`));
		// no tags without filters
		assert.doesNotMatch((await list(amira, {})).body, /app-filter-tag"/);
	});

	it('answers a filter that makes no sense with 400 and a message, keeping the value', async () => {
		const cases = [
			[{ postcode: 'NOT A CODE' }, 'postcode', /Enter a postcode, like LS1 1UR, or its first part, like LS1/],
			[{ postcode: '1AB' }, 'postcode', /Enter a postcode/],
			[{ born: '1980-02-30' }, 'born', /Date of birth must be a real date/],
			[{ age_from: 'old' }, 'age_from', /Age from must be a whole number of years from 0 to 130/],
			[{ age_from: '50', age_to: '20' }, 'age_to', /Age to must be the same as or more than age from/],
			[{ gender: '999999999' }, 'gender', /Choose a gender from the list/],
			[{ local_authority: 'x' }, 'local_authority', /Choose a local authority from the list/],
		];
		for (const [params, field, message] of cases) {
			const res = await list(amira, params);
			assert.equal(res.status, 400, JSON.stringify(params));
			assert.match(text(res.body), message);
			assert.match(res.body, new RegExp(`href="#${field}"`), `the summary links to ${field}`);
		}
		const kept = await list(amira, { postcode: 'NOT A CODE' });
		assert.match(kept.body, /<input[^>]*id="postcode"[^>]*value="NOT A CODE"/);
		// the wrong filter is not used; the others still are, and visibility still holds
		const mixed = await list(amira, { postcode: 'ZZ9 1AA', gender: '999999999' });
		assert.deepEqual(idsIn(mixed.body), [c.ann]);
	});

	it('keeps every filter in the links to other pages', async () => {
		const ids30 = [];
		for (let i = 0; i < 27; i++) ids30.push(await client(`Pg${i}`, { date_of_birth: '1990-01-01', postcode: 'ZZ7 1AA' }, [RIVERSIDE]));
		const first = await list(amira, { postcode: 'ZZ7', born: '1990-01-01' });
		assert.match(text(first.body), /27 clients \(page 1 of 2\)/);
		assert.match(first.body, new RegExp(`href="${BASE_PATH}/clients\\?postcode=ZZ7&amp;born=1990-01-01&amp;page=2"`));
		const second = await list(amira, { postcode: 'ZZ7', born: '1990-01-01', page: '2' });
		assert.equal(idsIn(second.body).length, 2);
	});
});
