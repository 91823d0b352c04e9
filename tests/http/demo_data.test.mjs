// The demo data shows every referral state the program has (so a new user can try each at
// once), consistent with what the program itself would have written, and reloading it on a
// restart changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dbRows, stack, masterPid, waitFor, signedIn, text } from './lib.mjs';

const DEMO_CLIENTS = `SELECT id FROM clients WHERE last_name_key IN ('smith','wilson','brown','jones','mensah','ali','begum','baker')`;

const snapshot = () => dbRows(`SELECT (SELECT COUNT(*) FROM referrals), (SELECT COUNT(*) FROM events),
	(SELECT COUNT(*) FROM clients), (SELECT COUNT(*) FROM referral_groups WHERE unresolved = 1),
	(SELECT GROUP_CONCAT(DISTINCT status ORDER BY status) FROM referrals)`);

describe('demo data', () => {
	it('has referrals in every state, each with its timeline event', () => {
		const states = dbRows(`SELECT DISTINCT status FROM referrals WHERE client_id IN
			(SELECT id FROM clients WHERE last_name_key IN ('smith','wilson','brown','jones','mensah','ali','begum','baker'))`).map(([s]) => s).sort();
		for (const state of ['acknowledged', 'closed', 'new', 'no_response', 'refused', 'removed', 'withdrawn']) {
			assert.ok(states.includes(state), `a demo referral is ${state}`);
		}
		// every moved referral has its event, as the program writes one per change
		const missing = dbRows(`SELECT r.id, r.status FROM referrals r WHERE r.status <> 'new'
			AND r.client_id IN (SELECT id FROM clients WHERE last_name_key IN ('smith','wilson','brown','jones','mensah','ali','begum','baker'))
			AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_type = 'referral' AND e.subject_id = r.id AND e.action = CONCAT('referral.', r.status))`);
		assert.deepEqual(missing, []);
		// an acknowledged group is taken by its acknowledger; a refused-only group is unresolved
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM referrals r JOIN referral_groups g ON g.id = r.group_id
			WHERE r.status = 'acknowledged' AND (g.taken_by_org_id IS NULL OR g.taken_by_org_id <> r.receiving_org_id)`), [['0']]);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM referrals r JOIN referral_groups g ON g.id = r.group_id
			WHERE r.status = 'refused' AND g.unresolved = 0 AND NOT EXISTS (SELECT 1 FROM referrals x WHERE x.group_id = g.id
			AND x.status NOT IN ('refused', 'no_response'))`), [['0']]);
	});

	it('has the demo staff and their directory memberships before anyone signs in, so every step names who did it', () => {
		// what the demo directory's groups give them (a sign-in by an earlier test file gives the same)
		const members = dbRows(`SELECT s.username, o.name, so.source FROM staff_orgs so JOIN staff s ON s.id = so.staff_id
			JOIN organisations o ON o.id = so.organisation_id WHERE s.username IN ('amira', 'ben', 'chloe', 'admin')
			AND o.name IN ('Riverside Citizens Advice', 'Northfield Council Housing Options', 'Eastbrook NHS Talking Therapies', 'Southgate Food Bank')
			AND so.source = 'directory' ORDER BY s.username, o.name`);
		assert.deepEqual(members, [
			['admin', 'Riverside Citizens Advice', 'directory'],
			['amira', 'Riverside Citizens Advice', 'directory'],
			['ben', 'Eastbrook NHS Talking Therapies', 'directory'],
			['ben', 'Northfield Council Housing Options', 'directory'],
			['chloe', 'Eastbrook NHS Talking Therapies', 'directory'],
		]);
		assert.deepEqual(dbRows(`SELECT is_admin FROM staff WHERE username = 'admin'`), [['1']]);
		// only the automatic changes (No response, Removed) have nobody behind them
		assert.deepEqual(dbRows(`SELECT e.action FROM events e JOIN referrals r ON r.id = e.subject_id
			WHERE e.subject_type = 'referral' AND e.staff_id IS NULL AND e.action NOT IN ('referral.no_response', 'referral.removed')
			AND r.client_id IN (SELECT id FROM clients WHERE last_name_key IN ('smith','wilson','brown','jones','mensah','ali','begum','baker'))`), []);
	});

	it('has referral notes, a client note and a file, each with its timeline event and the messages of those who opted in', () => {
		const notes = dbRows(`SELECT n.id, n.referral_id IS NULL FROM notes n`);
		assert.ok(notes.filter(([, isClient]) => isClient === '0').length >= 3, 'referral notes');
		assert.ok(notes.some(([, isClient]) => isClient === '1'), 'a client note');
		assert.deepEqual(dbRows(`SELECT n.id FROM notes n WHERE NOT EXISTS (SELECT 1 FROM events e
			WHERE e.action IN ('referral.note_added', 'client.note_added') AND e.detail = CONCAT('Note ', n.id)
			AND e.subject_id = COALESCE(n.referral_id, n.client_id) AND e.staff_id = n.staff_id)`), []);
		// the file is whole: its size and digest are those of its bytes, as an upload stores them
		const files = dbRows(`SELECT id, size = LENGTH(data), sha256 = CONVERT(SHA2(data, 256) USING ascii), referral_id FROM files`);
		assert.ok(files.length >= 1, 'a file');
		for (const [id, sizeOk, digestOk] of files) {
			assert.deepEqual([sizeOk, digestOk], ['1', '1'], `file ${id}`);
		}
		assert.deepEqual(dbRows(`SELECT f.id FROM files f WHERE NOT EXISTS (SELECT 1 FROM events e
			WHERE e.action = 'referral.file_added' AND e.subject_id = f.referral_id AND e.detail = CONCAT('File ', f.id, ', ', f.size, ' bytes'))`), []);
		// every subscriber who chose an update has its message, and nobody else
		for (const [flag, kind, action] of [
			['acknowledged', 'referral_acknowledged', 'referral.acknowledged'],
			['closed', 'referral_closed', 'referral.closed'],
			['note_added', 'referral_note_added', 'referral.note_added'],
			['file_added', 'referral_file_added', 'referral.file_added'],
		]) {
			const expected = dbRows(`SELECT rs.staff_id, r.id FROM events e JOIN referrals r ON r.id = e.subject_id
				JOIN referral_subscriptions rs ON rs.group_id = r.group_id AND rs.${flag} = 1 AND rs.staff_id <> COALESCE(e.staff_id, 0)
				WHERE e.subject_type = 'referral' AND e.action = '${action}' AND r.client_id IN (${DEMO_CLIENTS}) ORDER BY 1, 2`);
			const got = dbRows(`SELECT m.staff_id, r.id FROM inbox_messages m JOIN referrals r ON m.link = CONCAT('/referrals/', r.id)
				WHERE m.kind = '${kind}' AND r.client_id IN (${DEMO_CLIENTS}) ORDER BY 1, 2`);
			assert.deepEqual(got, expected, kind);
			assert.ok(expected.length >= 1, `the demo has a ${kind} message`);
		}
	});

	it('shows the demo notes and file on the referral page and downloads the file whole', async () => {
		const [referral, fileId, name, size] = dbRows(`SELECT f.referral_id, f.id, f.name, f.size FROM files f
			JOIN organisations o ON o.id = f.organisation_id WHERE o.name = 'Riverside Citizens Advice' ORDER BY f.id LIMIT 1`)[0];
		const amira = await signedIn('amira');
		const page = await amira.get(`/referrals/${referral}`);
		assert.equal(page.status, 200);
		assert.ok(text(page.body).includes(name), 'the file is listed');
		assert.match(text(page.body), /Debt relief order application completed/);
		const download = await amira.get(`/files/${fileId}`);
		assert.equal(download.status, 200);
		assert.equal(Buffer.byteLength(download.body), Number(size));
		assert.equal(Buffer.from(download.body).toString('hex').toUpperCase(), dbRows(`SELECT HEX(data) FROM files WHERE id = ${fileId}`)[0][0]);
		assert.match(download.headers['content-disposition'], /^attachment;/);
	});

	it('changes nothing when loaded again', async () => {
		// the stack loads the demo data whenever it starts the program
		const restart = async () => {
			const master = masterPid();
			process.kill(master, 'SIGTERM');
			const gone = await waitFor(() => {
				try {
					process.kill(master, 0);
					return false;
				} catch {
					return true;
				}
			}, 15000);
			assert.ok(gone, 'the program stopped');
			const output = stack('start');
			assert.match(output, /demo data 080_referral_states\.sql/, 'the demo data ran again');
		};
		// the first load may add what waited for someone's first sign-in (a sender's staff
		// row, as for the food bank's send once tina has signed in); after that, nothing
		await restart();
		const before = snapshot();
		await restart();
		assert.deepEqual(snapshot(), before);
	});
});
