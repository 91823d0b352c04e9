// Clients: the client list, the profile (Details and Referrals tabs) and the JSON client search
// of the find step. An organisation sees a client only once it has sent or received a referral
// for them (client_orgs); administrators see every client. The search finds exact matches
// (first name + last name + date of birth, case, accents and punctuation ignored) across ALL
// clients with only the fields that confirm identity, and close matches only among the clients
// the organisation can see. Anything else about a client another organisation holds is a 404.
//
// Test clients are created through POST /_test/clients (Testing only), which calls the same
// client_create() the send of a referral calls, so their match keys are the program's own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	Browser,
	signedIn,
	db,
	dbRows,
	text,
	csrfFrom,
	sqlString,
	organisationId,
	linksOutsideBase,
	securityHeaderProblems,
	resetThrottle,
	BASE_PATH,
} from './lib.mjs';

// Every test client has an email at this domain, so after() (and a rerun) can find them all.
const DOMAIN = 'clients-test.example';
const RIVERSIDE = 'Riverside Citizens Advice';
const HOUSING = 'Northfield Council Housing Options';
const THERAPIES = 'Eastbrook NHS Talking Therapies';
const FOODBANK = 'Southgate Food Bank';

const org = {};
const staff = {};
let admin, amira, ben, chloe, tina;

function staffId(username) {
	const rows = dbRows(`SELECT id FROM staff WHERE username = ${sqlString(username)}`);
	assert.equal(rows.length, 1, `a staff row for ${username}`);
	return rows[0][0];
}

function cleanUp() {
	const ids = `SELECT id FROM clients WHERE email LIKE '%@${DOMAIN}'`;
	db(`DELETE r FROM referrals r JOIN (${ids}) c ON c.id = r.client_id`);
	db(`DELETE g FROM referral_groups g JOIN (${ids}) c ON c.id = g.client_id`);
	db(`DELETE x FROM consents x JOIN (${ids}) c ON c.id = x.client_id`);
	db(`DELETE co FROM client_orgs co JOIN (${ids}) c ON c.id = co.client_id`);
	db(`DELETE FROM clients WHERE email LIKE '%@${DOMAIN}'`);
}

let emailCounter = 0;

// Creates a client visible to the named organisations; returns its id (as a string).
async function createClient(fields, orgNames = []) {
	const pairs = Object.entries({
		email: `client${++emailCounter}@${DOMAIN}`,
		created_by: staff.amira,
		...fields,
	});
	for (const name of orgNames) pairs.push(['org', org[name]]);
	const res = await new Browser().post('/_test/clients', pairs, { origin: null });
	assert.equal(res.status, 200, `test client created: ${res.body}`);
	return String(JSON.parse(res.body).id);
}

// The client search as a browser's script calls it.
function search(browser, first, last, day, month, year) {
	const q = new URLSearchParams({ first_name: first, last_name: last, dob_day: String(day), dob_month: String(month), dob_year: String(year) });
	return browser.get('/api/clients/search?' + q);
}

async function searchJson(browser, ...args) {
	const res = await search(browser, ...args);
	assert.equal(res.status, 200, res.body);
	assert.match(res.headers['content-type'], /^application\/json/);
	return JSON.parse(res.body);
}

async function switchTo(browser, orgName) {
	const csrf = csrfFrom((await browser.get('/')).body);
	const res = await browser.post('/organisation', { organisation_id: org[orgName], csrf, next: '/' });
	assert.equal(res.status, 303);
}

before(async () => {
	resetThrottle();
	cleanUp();
	for (const name of [RIVERSIDE, HOUSING, THERAPIES, FOODBANK]) org[name] = organisationId(name);
	admin = await signedIn('admin');
	amira = await signedIn('amira');
	ben = await signedIn('ben');
	chloe = await signedIn('chloe');
	tina = await signedIn('tina');
	for (const u of ['admin', 'amira', 'ben', 'chloe', 'tina']) staff[u] = staffId(u);
	await switchTo(ben, HOUSING);
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('the client search (JSON)', () => {
	let zoe, catherine, hostile;

	before(async () => {
		// held by the food bank only
		zoe = await createClient(
			{ first_name: 'Zoe', last_name: 'O’Brien', date_of_birth: '1990-02-11', postcode: 'TS24 8AY', town: 'Hartlepool', phone: '07700900999', nhs_number: '4260181599' },
			[FOODBANK],
		);
		// held by Riverside
		catherine = await createClient({ first_name: 'Catherine', last_name: 'Howard', date_of_birth: '1980-06-07', postcode: 'TS1 2QQ', town: 'Middlesbrough' }, [RIVERSIDE]);
		// markup and quotes in the stored names, reachable through a name that passes validation
		hostile = await createClient({ first_name: '<b>"Zed"</b>', last_name: 'Quill\\</script>', date_of_birth: '1971-01-01', town: 'A & B' }, [RIVERSIDE]);
	});

	it('finds an exact match held by another organisation, with only the fields that confirm identity', async () => {
		const found = await searchJson(amira, 'ZOË', "o'brien", 11, 2, 1990);
		assert.deepEqual(found.close, []);
		assert.equal(found.exact.length, 1);
		assert.deepEqual(found.exact[0], {
			id: Number(zoe),
			first_name: 'Zoe',
			last_name: 'O’Brien',
			date_of_birth: '1990-02-11',
			date_of_birth_text: '11 February 1990',
			outward_code: 'TS24',
			town: 'Hartlepool',
			visible: false,
		});
		const raw = (await search(amira, 'ZOË', "o'brien", 11, 2, 1990)).body;
		for (const secret of ['07700900999', '4260181599', '8AY', DOMAIN]) assert.ok(!raw.includes(secret), `no ${secret} in the answer`);
	});

	it('ignores case, accents, spaces and apostrophes either way round', async () => {
		for (const [first, last] of [
			['  zoe ', 'OBRIEN'],
			['Zoë', 'O’Brien'],
			['ZOE', "O'Brien"],
			['zoé', 'o’brien '],
		]) {
			const found = await searchJson(amira, first, last, '11', '02', '1990');
			assert.deepEqual(found.exact.map((m) => m.id), [Number(zoe)], `${first} ${last}`);
		}
	});

	it('does not offer another organisation’s client for a close spelling, a sound-alike or a swapped date', async () => {
		for (const [first, last, d, m, y] of [
			['Zoey', "O'Brien", 11, 2, 1990],
			['Zoe', 'OBrian', 11, 2, 1990],
			['Zoe', "O'Brien", 2, 11, 1990],
			['Zoe', "O'Brien", 11, 2, 1991],
			["O'Brien", 'Zoe', 11, 2, 1990],
		]) {
			const found = await searchJson(amira, first, last, d, m, y);
			assert.deepEqual(found, { exact: [], close: [] }, `${first} ${last} ${d}/${m}/${y}`);
		}
	});

	it('offers the same near misses to the organisation that can see the client, with the reason', async () => {
		const cases = [
			[['Zoey', "O'Brien", 11, 2, 1990], 'spelling', 'Similar spelling'],
			[['Zoe', "O'Brien", 2, 11, 1990], 'dob_swapped', 'Day and month of birth swapped'],
			[['Zoe', "O'Brien", 11, 2, 1991], 'dob_differs', 'Date of birth differs by one part'],
			[["O'Brien", 'Zoe', 11, 2, 1990], 'names_swapped', 'First and last names swapped'],
		];
		for (const [args, reason, reasonText] of cases) {
			const found = await searchJson(tina, ...args);
			assert.deepEqual(found.exact, [], args.join(' '));
			assert.equal(found.close.length, 1, args.join(' '));
			assert.equal(found.close[0].id, Number(zoe));
			assert.equal(found.close[0].reason, reason);
			assert.equal(found.close[0].reason_text, reasonText);
			assert.equal(found.close[0].visible, true);
		}
		const exact = await searchJson(tina, 'Zoe', "O'Brien", 11, 2, 1990);
		assert.deepEqual(exact.exact.map((m) => [m.id, m.visible]), [[Number(zoe), true]]);
		assert.deepEqual(exact.close, [], 'an exact match is not offered again as a close one');
	});

	it('offers close matches among the visible clients: spelling, sounds alike, swapped day and month', async () => {
		const reasons = async (...args) => (await searchJson(amira, ...args)).close.filter((m) => m.id === Number(catherine)).map((m) => m.reason);
		assert.deepEqual(await reasons('Katherine', 'Howard', 7, 6, 1980), ['spelling']);
		assert.deepEqual(await reasons('Catherine', 'Howerd', 7, 6, 1980), ['spelling']);
		assert.deepEqual(await reasons('Kathryn', 'Howard', 7, 6, 1980), ['sounds_alike']);
		assert.deepEqual(await reasons('Catherine', 'Howard', 6, 7, 1980), ['dob_swapped']);
		assert.deepEqual(await reasons('Kathryn', 'Howard', 6, 7, 1980), [], 'two slips at once are somebody else');
		assert.deepEqual(await reasons('Mary', 'Howard', 7, 6, 1980), [], 'a different name is somebody else');
		const found = await searchJson(amira, 'Katherine', 'Howard', 7, 6, 1980);
		assert.equal(found.close[0].outward_code, 'TS1');
		assert.equal(found.close[0].town, 'Middlesbrough');
		assert.equal(found.close[0].visible, true);
	});

	it('never offers a close match the asking organisation cannot see', async () => {
		// ben works for the housing team, which has no referral for Catherine Howard
		for (const args of [
			['Katherine', 'Howard', 7, 6, 1980],
			['Kathryn', 'Howard', 7, 6, 1980],
			['Catherine', 'Howard', 6, 7, 1980],
		]) {
			assert.deepEqual(await searchJson(ben, ...args), { exact: [], close: [] }, args.join(' '));
		}
		const exact = await searchJson(ben, 'catherine', 'HOWARD', 7, 6, 1980);
		assert.deepEqual(exact.exact.map((m) => [m.id, m.visible]), [[Number(catherine), false]]);
	});

	it('escapes names in JSON: markup and quotes come back as stored, never as markup', async () => {
		const res = await search(amira, 'B Zed B', 'Quill Script', 1, 1, 1971);
		assert.equal(res.status, 200);
		assert.ok(!/[<>]/.test(res.body), 'no raw < or > in the JSON');
		assert.ok(res.body.includes('\\u003cb\\u003e'), 'markup escaped as \\u003c');
		const found = JSON.parse(res.body);
		assert.equal(found.exact.length, 1);
		assert.equal(found.exact[0].id, Number(hostile));
		assert.equal(found.exact[0].first_name, '<b>"Zed"</b>');
		assert.equal(found.exact[0].last_name, 'Quill\\</script>');
		assert.equal(found.exact[0].town, 'A & B');
	});

	it('refuses missing or invalid input with 400 and a JSON error', async () => {
		const cases = [
			[['', 'Howard', 7, 6, 1980], 'first_name', /first name/],
			[['Catherine', '', 7, 6, 1980], 'last_name', /last name/],
			[['Cath<script>', 'Howard', 7, 6, 1980], 'first_name', /Name must only include letters/],
			[['Catherine', "Howard'); DROP TABLE clients;--", 7, 6, 1980], 'last_name', /Name must only include letters/],
			[['Catherine', 'Howard', 31, 2, 1980], 'dob', /Date of birth must be a real date/],
			[['Catherine', 'Howard', '', 6, 1980], 'dob', /Date of birth must include a day/],
			[['Catherine', 'Howard', 1, 1, 2099], 'dob', /Date of birth must be today or in the past/],
			[['Catherine', 'Howard', 1, 1, 2999], 'dob', /Year must be between 1900 and 2100/],
			[['Catherine', 'Howard', 'x', 6, 1980], 'dob', /./],
		];
		for (const [args, field, message] of cases) {
			const res = await search(amira, ...args);
			assert.equal(res.status, 400, args.join(' '));
			assert.match(res.headers['content-type'], /^application\/json/);
			const body = JSON.parse(res.body);
			assert.equal(body.field, field, args.join(' '));
			// the one JSON error shape (HACKING.md): a code, the message for people, the field
			assert.equal(body.error, 'invalid', args.join(' '));
			assert.match(body.message, message);
		}
		const none = await amira.get('/api/clients/search');
		assert.equal(none.status, 400);
		assert.equal(JSON.parse(none.body).field, 'first_name');
		assert.deepEqual(dbRows('SELECT COUNT(*) > 0 FROM clients'), [['1']], 'the clients table is still there');
	});

	it('is not stored by caches, and sends signed-out callers to sign in', async () => {
		const res = await search(amira, 'Catherine', 'Howard', 7, 6, 1980);
		assert.deepEqual(securityHeaderProblems(res, { signedIn: true }), []);
		const anonymous = await search(new Browser(), 'Catherine', 'Howard', 7, 6, 1980);
		assert.equal(anonymous.status, 303);
		assert.match(anonymous.location, new RegExp(`^${BASE_PATH}/signin\\?next=`));
		assert.ok(!anonymous.body.includes('Howard'));
	});
});

describe('visibility of the pages', () => {
	let foodbankOnly, riversideOnly;

	before(async () => {
		foodbankOnly = await createClient({ first_name: 'Hidden', last_name: 'Larder', date_of_birth: '1966-03-03', town: 'Hartlepool' }, [FOODBANK]);
		riversideOnly = await createClient({ first_name: 'Shown', last_name: 'Riverbank', date_of_birth: '1977-07-07' }, [RIVERSIDE]);
	});

	it('answers 404 for another organisation’s client, exactly as for an id that does not exist', async () => {
		const missing = await amira.get('/clients/999999999');
		assert.equal(missing.status, 404);
		for (const path of [`/clients/${foodbankOnly}`, `/clients/${foodbankOnly}/referrals`, `/clients/${foodbankOnly}/referrals?sent=1`]) {
			const res = await amira.get(path);
			assert.equal(res.status, 404, path);
			assert.equal(text(res.body), text(missing.body), `${path} looks like a missing client`);
			assert.ok(!res.body.includes('Larder'), `${path} names nobody`);
		}
		for (const path of ['/clients/0', '/clients/99999999999999999999', '/clients/999999999/referrals']) {
			assert.equal((await amira.get(path)).status, 404, path);
		}
	});

	it('guessing ids finds nothing the organisation cannot see', async () => {
		const [[low, high]] = dbRows('SELECT MIN(id), MAX(id) FROM clients');
		const visible = new Set(dbRows(`SELECT client_id FROM client_orgs WHERE organisation_id = ${org[RIVERSIDE]}`).map((r) => r[0]));
		for (let id = Number(low); id <= Number(high) + 2; id++) {
			const res = await amira.get(`/clients/${id}`);
			assert.equal(res.status, visible.has(String(id)) ? 200 : 404, `client ${id}`);
		}
	});

	it('shows the client to the organisation that holds them and to administrators', async () => {
		const own = await tina.get(`/clients/${foodbankOnly}`);
		assert.equal(own.status, 200);
		assert.match(text(own.body), /Hidden Larder/);
		const adminView = await admin.get(`/clients/${foodbankOnly}`);
		assert.equal(adminView.status, 200, 'an administrator sees every client');
		assert.match(text(adminView.body), /Hidden Larder/);
		assert.equal((await admin.get(`/clients/${foodbankOnly}/referrals`)).status, 200);
		assert.equal((await tina.get(`/clients/${riversideOnly}`)).status, 404);
	});

	it('lists only the organisation’s clients; an administrator’s list has everyone', async () => {
		const amiraList = text((await amira.get('/clients?q=Larder')).body);
		assert.doesNotMatch(amiraList, /Hidden Larder/);
		assert.match(amiraList, /0 matching ‘Larder’/);
		assert.match(text((await tina.get('/clients?q=Larder')).body), /Hidden Larder/);
		assert.doesNotMatch(text((await tina.get('/clients?q=Riverbank')).body), /Shown Riverbank/);
		const adminList = text((await admin.get('/clients?q=Larder')).body);
		assert.match(adminList, /Hidden Larder/);
		assert.match(adminList, /you see every client/);
	});

	it('sends signed-out visitors to sign in', async () => {
		for (const path of ['/clients', `/clients/${riversideOnly}`, `/clients/${riversideOnly}/referrals`]) {
			const res = await new Browser().get(path);
			assert.equal(res.status, 303, path);
			assert.equal(res.location, `${BASE_PATH}/signin?next=${encodeURIComponent(path)}`);
		}
	});
});

describe('the client list', () => {
	const FIRST_NAMES = ['Alice', 'Bella', 'Cara', 'Dina', 'Ella', 'Fay', 'Gina', 'Hana', 'Iris', 'Jo', 'Kay', 'Lena', 'Mia', 'Nia', 'Ona', 'Pia', 'Quin', 'Rhea', 'Sia', 'Tia', 'Uma', 'Vera', 'Wren', 'Xena', 'Yara', 'Zia', 'Abby', 'Beth', 'Cleo', 'Dot'];
	const ids = [];

	before(async () => {
		for (let i = 0; i < FIRST_NAMES.length; i++) {
			ids.push(await createClient({ first_name: FIRST_NAMES[i], last_name: 'Pagetest', date_of_birth: `1990-01-${String(i + 1).padStart(2, '0')}`, email: `pagetest-${i}@${DOMAIN}` }, [THERAPIES]));
		}
	});

	const names = (html) => [...text(html).matchAll(/(\w+) Pagetest/g)].map((m) => m[1]);

	it('pages 25 at a time, newest first, with a bounded page number', async () => {
		const first = await chloe.get('/clients?q=Pagetest');
		assert.equal(first.status, 200);
		assert.match(text(first.body), /30 matching ‘Pagetest’ \(page 1 of 2\)/);
		assert.deepEqual(names(first.body), FIRST_NAMES.slice(5).reverse(), 'the newest 25');
		assert.match(first.body, new RegExp(`href="${BASE_PATH}/clients\\?q=Pagetest&amp;page=2"`), 'the next page keeps the search');
		const second = await chloe.get('/clients?q=Pagetest&page=2');
		assert.deepEqual(names(second.body), FIRST_NAMES.slice(0, 5).reverse());
		assert.match(second.body, /aria-current="page"[^>]*>2</);
		for (const page of ['3', '999999', '99999999999999999999']) {
			assert.deepEqual(names((await chloe.get(`/clients?q=Pagetest&page=${page}`)).body), names(second.body), `page=${page} is the last page`);
		}
		for (const page of ['0', '-1', 'abc', '']) {
			assert.deepEqual(names((await chloe.get(`/clients?q=Pagetest&page=${page}`)).body), names(first.body), `page=${page} is the first page`);
		}
	});

	it('links each client to their profile and offers a new referral', async () => {
		const res = await chloe.get('/clients?q=Pagetest');
		assert.match(res.body, new RegExp(`<a class="govuk-link" href="${BASE_PATH}/clients/${ids[29]}">Dot Pagetest</a>`));
		assert.match(res.body, new RegExp(`href="${BASE_PATH}/referrals/new"[^>]*>New referral<`));
		assert.deepEqual(linksOutsideBase(res.body), []);
		assert.deepEqual(securityHeaderProblems(res, { signedIn: true }), []);
	});

	it('searches by name in either order, ignoring case and accents, and by email', async () => {
		const count = async (q) => {
			const m = text((await chloe.get('/clients?q=' + encodeURIComponent(q))).body).match(/(\d+) matching/);
			return m ? Number(m[1]) : NaN;
		};
		assert.equal(await count('PÀGETEST'), 30);
		assert.equal(await count('bella pagetest'), 1);
		assert.equal(await count('Pagetest Bella'), 1);
		assert.equal(await count('Bélla'), 1);
		assert.equal(await count(`pagetest-7@${DOMAIN}`), 1);
		assert.equal(await count(`PAGETEST-1`), 1 + 10, 'email contains: pagetest-1 and pagetest-10..19');
		assert.equal(await count('%'), 0, 'wildcards are taken literally');
		assert.equal(await count('_'), 0);
		assert.equal(await count('nobody-like-this'), 0);
		// amira's organisation holds none of them
		assert.match(text((await amira.get('/clients?q=Pagetest')).body), /0 matching/);
	});

	it('finds a common name (more than 10,000 clients) among the organisation’s own clients, newest first', async () => {
		// 10,001 clients called Commonclient: a common name, read by walking the list's own
		// clients and checking each one, not from the name index
		db(`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, email, created_by)
		    SELECT 'Pat', 'Commonclient', 'pat', 'commonclient', '1980-01-01', CONCAT('commonclient', seq, '@${DOMAIN}'), ${staff.amira} FROM seq_1_to_10001`);
		const all = dbRows(`SELECT id FROM clients WHERE last_name_key = 'commonclient' ORDER BY id`).map((r) => r[0]);
		// the therapies team holds three of them, not the newest ones
		const held = [all[5], all[100], all[7000]];
		db(`INSERT INTO client_orgs (client_id, organisation_id) VALUES ${held.map((id) => `(${id}, ${org[THERAPIES]})`).join(', ')}`);
		const ids = (html) => [...html.matchAll(new RegExp(`href="${BASE_PATH}/clients/(\\d+)">Pat Commonclient<`, 'g'))].map((m) => m[1]);
		const chloeList = (await chloe.get('/clients?q=commonclient')).body;
		assert.deepEqual(ids(chloeList), [...held].reverse().map(String), 'only theirs, newest first');
		assert.match(text(chloeList), /3 matching ‘commonclient’/);
		assert.deepEqual(ids((await chloe.get('/clients?q=pat+commonclient')).body), [...held].reverse().map(String));
		assert.match(text((await amira.get('/clients?q=commonclient')).body), /0 matching/, 'none of them are Riverside’s');
		// an administrator sees every client: the newest 25 and "more than 1,000"
		const adminList = (await admin.get('/clients?q=commonclient')).body;
		assert.deepEqual(ids(adminList), all.slice(-25).reverse().map(String));
		assert.match(text(adminList), /More than 1,000 matching ‘commonclient’/);
	});

	// The search's alternatives are read one by one and united (client.c, client_search_ids).
	it('lists and counts a client once when the search matches them several ways, across pages', async () => {
		// "Twin Twin", twin…@: the email, the first name and the last name all start with "twin"
		const twins = [];
		for (let i = 0; i < 30; i++) twins.push(await createClient({ first_name: 'Twin', last_name: 'Twin', date_of_birth: '1990-01-01', email: `twin${i}@${DOMAIN}` }, [THERAPIES]));
		const ids = (html) => [...html.matchAll(new RegExp(`href="${BASE_PATH}/clients/(\\d+)">Twin Twin<`, 'g'))].map((m) => m[1]);
		const first = (await chloe.get('/clients?q=twin')).body;
		assert.match(text(first), /30 matching ‘twin’ \(page 1 of 2\)/, 'each once, not once per way it matched');
		const newest = [...twins].sort((a, b) => b - a);
		assert.deepEqual(ids(first), newest.slice(0, 25));
		assert.deepEqual(ids((await chloe.get('/clients?q=twin&page=2')).body), newest.slice(25));
		assert.match(text((await chloe.get('/clients?q=twin+twin')).body), /30 matching ‘twin twin’/, 'two words: more ways still');
		assert.match(text((await amira.get('/clients?q=twin')).body), /0 matching/, 'none of them are Riverside’s');
	});

	it('refuses a search that is too long, keeping it in the box', async () => {
		const long = 'x'.repeat(101);
		const res = await chloe.get('/clients?q=' + long);
		assert.equal(res.status, 400);
		assert.match(text(res.body), /Search must be 100 characters or fewer/);
		assert.match(res.body, new RegExp(`<input[^>]*id="q"[^>]*value="${long}"`));
	});

	it('shows SQL and script payloads in names literally', async () => {
		const id = await createClient({ first_name: "Robert'); DROP TABLE clients;--", last_name: '<script>alert(1)</script>', date_of_birth: '1999-09-09' }, [THERAPIES]);
		const list = await chloe.get('/clients?q=' + encodeURIComponent('Robert'));
		assert.ok(!list.body.includes('<script>alert(1)</script>'), 'no live script in the list');
		assert.ok(list.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
		assert.match(text(list.body), /Robert'\); DROP TABLE clients;-- <script>alert\(1\)<\/script>/);
		const profile = await chloe.get(`/clients/${id}`);
		assert.equal(profile.status, 200);
		assert.ok(!profile.body.includes('<script>alert(1)</script>'));
		assert.match(text(profile.body), /Robert'\); DROP TABLE clients;--/);
		assert.deepEqual(dbRows(`SELECT last_name FROM clients WHERE id = ${id}`), [['<script>alert(1)</script>']]);
	});
});

describe('the profile', () => {
	let full, homeless;

	before(async () => {
		const ref = (list, name) => dbRows(`SELECT id FROM reference_values WHERE list = '${list}' AND name = ${sqlString(name)}`)[0][0];
		const la = (code) => dbRows(`SELECT id FROM local_authorities WHERE code = '${code}'`)[0][0];
		full = await createClient(
			{
				title_id: ref('title', 'Dr'),
				first_name: 'Priya',
				last_name: 'Profiletest',
				date_of_birth: '1980-02-29',
				pronoun_id: ref('pronoun', 'they/them'),
				gender_id: ref('gender', 'Prefer to self-describe'),
				gender_description: 'Genderfluid',
				phone: '07700900555',
				alt_phone: '01632960555',
				contact_email: '1',
				contact_sms: '1',
				contact_post: '1',
				nhs_number: '9434765919',
				gp_practice_name: 'Headland Medical Practice',
				gp_ods_code: 'A81013',
				address_line1: '14 Church Street',
				address_line2: 'Old Town',
				town: 'Hartlepool',
				postcode: 'TS24 8AY',
				local_authority_id: la('E06000001'),
			},
			[RIVERSIDE],
		);
		homeless = await createClient({ first_name: 'Nomad', last_name: 'Profiletest', date_of_birth: '2000-12-31', no_fixed_abode: '1', local_authority_id: la('E06000002'), email: `nomad@${DOMAIN}` }, [RIVERSIDE]);
	});

	it('shows identity, contact, address and health details', async () => {
		const res = await amira.get(`/clients/${full}`);
		assert.equal(res.status, 200);
		const t = text(res.body);
		assert.match(res.body, /<h1 class="govuk-heading-l[^"]*">Priya Profiletest<\/h1>/);
		for (const [key, value] of [
			['Title', 'Dr'],
			['First name', 'Priya'],
			['Last name', 'Profiletest'],
			['Date of birth', '29 February 1980'],
			['Pronouns', 'they/them'],
			['Gender', 'Prefer to self-describe: Genderfluid'],
			['Phone', '07700900555'],
			['Alternative phone', '01632960555'],
			['NHS number', '943 476 5919'],
			['GP practice', 'Headland Medical Practice'],
			['GP practice code', 'A81013'],
			['Local authority', 'Hartlepool (E06000001)'],
		]) {
			assert.match(t, new RegExp(` ${key} ${value.replace(/[()]/g, '\\$&')} `), key);
		}
		assert.match(t, /Can be contacted by Email Text message \(SMS\) Post /);
		assert.match(t, /Address 14 Church Street Old Town Hartlepool TS24 8AY /);
		assert.match(t, /Born 29 February 1980 \(age \d+\)/);
		assert.match(res.body, new RegExp(`href="${BASE_PATH}/referrals/new\\?client=${full}"[^>]*>New referral for this client<`));
		assert.match(res.body, new RegExp(`href="${BASE_PATH}/clients/${full}" aria-current="page">Details<`));
		assert.match(res.body, new RegExp(`href="${BASE_PATH}/clients/${full}/referrals">Referrals<`));
		assert.deepEqual(linksOutsideBase(res.body), []);
		assert.deepEqual(securityHeaderProblems(res, { signedIn: true }), []);
	});

	it('says No fixed abode, with the local authority, and Not given for what is missing', async () => {
		const t = text((await amira.get(`/clients/${homeless}`)).body);
		assert.match(t, /Address No fixed abode /);
		assert.match(t, /Local authority Middlesbrough \(E06000002\)/);
		assert.match(t, /Title Not given /);
		assert.match(t, /NHS number Not given /);
		assert.match(t, /Can be contacted by No contact permission given /);
	});
});

describe('the Referrals tab', () => {
	let client, other, issueHousing, issueMoney, issueFood;

	// One send: a consent and, per issue, a group with a referral per receiver.
	function send(clientId, senderOrg, staffName, issues, { urgent = 0, status = 'new', ago = 0 } = {}) {
		db(`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at) VALUES (${clientId}, ${org[senderOrg]}, ${staff[staffName]}, UTC_TIMESTAMP() - INTERVAL ${ago} DAY)`);
		const consent = dbRows('SELECT MAX(id) FROM consents')[0][0];
		for (const [issue, receivers] of issues) {
			db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent, created_at)
			    VALUES (${clientId}, ${issue}, ${org[senderOrg]}, ${staff[staffName]}, ${consent}, ${urgent}, UTC_TIMESTAMP() - INTERVAL ${ago} DAY)`);
			const group = dbRows('SELECT MAX(id) FROM referral_groups')[0][0];
			for (const receiver of receivers) {
				db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, urgent, status, update_due, close_due, created_at)
				    VALUES (${group}, ${clientId}, ${issue}, ${org[senderOrg]}, ${org[receiver]}, ${staff[staffName]}, ${urgent}, '${status}',
				    CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY, UTC_TIMESTAMP() - INTERVAL ${ago} DAY)`);
			}
		}
	}

	before(async () => {
		const issue = (name) => dbRows(`SELECT id FROM issues WHERE name = ${sqlString(name)}`)[0][0];
		issueHousing = issue('Housing');
		issueMoney = issue('Debt and money advice');
		issueFood = issue('Food and essentials');
		client = await createClient({ first_name: 'Rita', last_name: 'Tabtest', date_of_birth: '1970-10-10' }, [RIVERSIDE, HOUSING, THERAPIES, FOODBANK]);
		other = await createClient({ first_name: 'Otto', last_name: 'Tabtest', date_of_birth: '1970-10-11' }, [RIVERSIDE]);
		// an older send by amira: money advice to the therapies service (closed since)
		send(client, RIVERSIDE, 'amira', [[issueMoney, [THERAPIES]]], { status: 'closed', ago: 10 });
		// a send by the food bank (tina) to the housing team
		send(client, FOODBANK, 'tina', [[issueHousing, [HOUSING]]], { ago: 5 });
		// amira's newest send: two issues, three referrals, urgent
		send(client, RIVERSIDE, 'amira', [[issueHousing, [HOUSING]], [issueFood, [FOODBANK, THERAPIES]]], { urgent: 1 });
		db(`UPDATE referrals SET closed_at = UTC_TIMESTAMP() - INTERVAL 2 DAY WHERE client_id = ${client} AND status = 'closed'`);
	});

	const rows = (html) => {
		const table = html.match(/<table class="govuk-table app-list" id="referrals">([\s\S]*?)<\/table>/);
		if (!table) return [];
		return [...table[1].matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
			.slice(1)
			.map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]).trim()));
	};

	it('lists the referrals the organisation sent or received, newest first', async () => {
		const res = await amira.get(`/clients/${client}/referrals`);
		assert.equal(res.status, 200);
		const r = rows(res.body);
		assert.equal(r.length, 4, 'amira’s organisation sent four; it neither sent nor received the food bank’s');
		assert.deepEqual(r.map((c) => [c[0].replace(/ Urgent$/, ''), c[1], c[2]]).slice(3), [['Debt and money advice', RIVERSIDE, THERAPIES]]);
		assert.ok(r.slice(0, 3).every((c) => /Urgent$/.test(c[0])), 'the newest three are urgent');
		assert.match(r[3][4], /Closed on \d+ \w+ \d{4}/);
		assert.match(r[0][4], /New Update due \d+ \w+ \d{4}/);
		assert.match(res.body, new RegExp(`href="${BASE_PATH}/clients/${client}/referrals" aria-current="page">Referrals<`));
		assert.doesNotMatch(res.body, /Referrals sent/, 'no banner without ?sent=1');
		assert.deepEqual(linksOutsideBase(res.body), []);
	});

	it('shows a receiver only what it received or sent', async () => {
		const benRows = rows((await ben.get(`/clients/${client}/referrals`)).body);
		assert.deepEqual(
			benRows.map((c) => [c[0].replace(/ Urgent$/, ''), c[1], c[2]]).sort(),
			[
				['Housing', RIVERSIDE, HOUSING],
				['Housing', FOODBANK, HOUSING],
			],
		);
		const tinaRows = rows((await tina.get(`/clients/${client}/referrals`)).body);
		assert.deepEqual(tinaRows.map((c) => [c[1], c[2]]).sort(), [
			[RIVERSIDE, FOODBANK],
			[FOODBANK, HOUSING],
		]);
		assert.equal(rows((await admin.get(`/clients/${client}/referrals`)).body).length, 5, 'an administrator sees all of them');
		const none = await amira.get(`/clients/${other}/referrals`);
		assert.equal(none.status, 200);
		assert.match(text(none.body), /There are no referrals for Otto Tabtest that your organisation sent or received/);
	});

	it('after a send (?sent=1), lists what was just sent in a success banner', async () => {
		const res = await amira.get(`/clients/${client}/referrals?sent=1`);
		assert.equal(res.status, 200);
		assert.match(res.body, /govuk-notification-banner--success/);
		const banner = text(res.body.match(/<div class="govuk-notification-banner[\s\S]*?<\/ul>/)[0]);
		assert.match(banner, /Referrals sent 3 referrals sent for Rita Tabtest:/);
		assert.match(banner, /Housing to Northfield Council Housing Options \(urgent\)/);
		assert.match(banner, /Food and essentials to Eastbrook NHS Talking Therapies \(urgent\)/);
		assert.match(banner, /Food and essentials to Southgate Food Bank \(urgent\)/);
		assert.doesNotMatch(banner, /Debt and money advice/, 'an earlier send is not in the banner');
		// someone who sent nothing for the client gets no banner; nor does a client without sends
		assert.doesNotMatch((await ben.get(`/clients/${client}/referrals?sent=1`)).body, /Referrals sent/);
		assert.doesNotMatch((await amira.get(`/clients/${other}/referrals?sent=1`)).body, /Referrals sent/);
	});

	// issue 12 point 2: every row is a way in to its referral
	it('links every row of the tab and of the banner to its own referral', async () => {
		const res = await amira.get(`/clients/${client}/referrals?sent=1`);
		const ids = dbRows(`SELECT id FROM referrals WHERE client_id = ${client} AND sending_org_id = (SELECT sending_org_id FROM referrals WHERE client_id = ${client} ORDER BY id DESC LIMIT 1) ORDER BY id`).map((r) => r[0]);
		const table = res.body.match(/<table class="govuk-table app-list" id="referrals">([\s\S]*?)<\/table>/)[1];
		const linked = [...table.matchAll(/href="[^"]*\/referrals\/(\d+)"/g)].map((m) => m[1]).sort();
		assert.deepEqual(linked, [...ids].sort(), 'each of the four rows links to its referral');
		const banner = res.body.match(/<ul class="govuk-list govuk-list--bullet" id="sent-referrals">([\s\S]*?)<\/ul>/)[1];
		const sent = [...banner.matchAll(/<li[^>]*data-referral="(\d+)"[^>]*><a class="govuk-link" href="[^"]*\/referrals\/(\d+)">Referral (\d+): /g)];
		assert.equal(sent.length, 3, 'the three just sent, each linked');
		for (const m of sent) assert.ok(m[1] === m[2] && m[2] === m[3], 'the link opens the referral it names');
		for (const m of sent) assert.equal((await amira.get(`/referrals/${m[2]}`)).status, 200);
	});
});

describe('demo data (sql/demo/060_clients.sql)', () => {
	const DEMO = [
		['Jane', 'Smith', '1985-03-12'],
		['Mohammed', 'Ali', '1978-11-04'],
		['Sarah', 'Jones', '1992-07-21'],
		['David', 'Brown', '1969-01-30'],
		['Emma', 'Wilson', '2001-05-09'],
		['Kwame', 'Mensah', '1988-12-02'],
		['Aisha', 'Begum', '1995-04-03'],
		['Tom', 'Baker', '1957-08-15'],
	];

	it('stores the same match keys as the program computes, so the demo clients are found', async () => {
		const demo = dbRows(
			`SELECT id, first_name, last_name, first_name_key, last_name_key, first_name_sound, last_name_sound, DAY(date_of_birth), MONTH(date_of_birth), YEAR(date_of_birth)
			 FROM clients WHERE email NOT LIKE '%@${DOMAIN}' AND (first_name, last_name, date_of_birth) IN (${DEMO.map(([f, l, d]) => `('${f}', '${l}', '${d}')`).join(', ')}) ORDER BY id`,
		);
		assert.ok(demo.length >= DEMO.length, 'the demo clients are there');
		for (const [id, first, last, ...keys] of demo) {
			const twin = await createClient({ first_name: first, last_name: last, date_of_birth: '1901-01-01' });
			const [twinKeys] = dbRows(`SELECT first_name_key, last_name_key, first_name_sound, last_name_sound FROM clients WHERE id = ${twin}`);
			assert.deepEqual(keys.slice(0, 4), twinKeys, `${first} ${last}: keys as the program makes them`);
			const [day, month, year] = keys.slice(4);
			const found = await searchJson(admin, first.toUpperCase(), ` ${last.toLowerCase()} `, day, month, year);
			assert.ok(found.exact.some((m) => m.id === Number(id)), `${first} ${last} found by an exact search`);
		}
	});
});
