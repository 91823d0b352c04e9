// `referrals run-jobs --now ...`: the scheduled work with a set clock. Its clocks are in 2024
// and 2025, before any demo or test referral, so only this file's rows are old enough to be touched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { STACK_DIR, db, dbRows, signedIn } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.REFERRALS_BIN || path.join(here, '..', '..', 'fcgi', 'referrals');
const config = path.join(STACK_DIR, 'referrals.hdf');

function runJobs(now) {
	return spawnSync(bin, ['-c', config, 'run-jobs', '--now', now], { encoding: 'utf8', timeout: 60000 });
}
function runJobsAsync(now) {
	return new Promise((resolve) => {
		const child = spawn(bin, ['-c', config, 'run-jobs', '--now', now]);
		let stdout = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.on('close', (status) => resolve({ status, stdout }));
	});
}
const one = (sql) => db(sql).trim();

let amira, admin, receiver, sender, issue, client, settingsBefore;
const ids = {};

// A group with referrals: rows of [status, created_at, update_due, close_due]; consentAt: when
// its consent was recorded.
function makeGroup(consentAt, rows) {
	const consent = one(`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at) VALUES (${client}, ${sender}, ${amira}, '${consentAt}'); SELECT LAST_INSERT_ID()`);
	const group = one(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, created_at) VALUES (${client}, ${issue}, ${sender}, ${amira}, ${consent}, '${rows[0][1]}'); SELECT LAST_INSERT_ID()`);
	const referrals = rows.map(([status, created, updateDue, closeDue]) => one(
		`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at, updated_at)` +
		` VALUES (${group}, ${client}, ${issue}, ${sender}, ${receiver}, ${amira}, '${status}', '${updateDue}', '${closeDue}', '${created}', '${created}'); SELECT LAST_INSERT_ID()`));
	return { group, consent, referrals };
}
const messages = (kind, link) => Number(one(`SELECT COUNT(*) FROM inbox_messages WHERE kind = '${kind}' AND link = '${link}'`));
const receiverStaff = () => Number(one(`SELECT COUNT(DISTINCT s.id) FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE so.organisation_id = ${receiver} AND s.active = 1`));

describe('referrals run-jobs', () => {
	before(async () => {
		await signedIn('amira');
		await signedIn('admin');
		amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
		admin = one(`SELECT id FROM staff WHERE username = 'admin'`);
		receiver = one(`SELECT organisation_id FROM staff_orgs WHERE staff_id = ${amira} ORDER BY organisation_id LIMIT 1`);
		sender = one(`SELECT id FROM organisations WHERE id <> ${receiver} ORDER BY id LIMIT 1`);
		issue = one(`SELECT id FROM issues ORDER BY id LIMIT 1`);
		client = one(`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, created_by) VALUES ('Jobtest', 'Person', 'jobtest', 'person', '1980-01-01', ${amira}); SELECT LAST_INSERT_ID()`);
		settingsBefore = dbRows(`SELECT name, value FROM settings WHERE name IN ('auto_close_days', 'consent_expiry_days')`);
		db(`UPDATE settings SET value = '3' WHERE name = 'auto_close_days'; UPDATE settings SET value = '365' WHERE name = 'consent_expiry_days'`);
		db(`INSERT IGNORE INTO bank_holidays (holiday_date, name) VALUES ('2025-05-05', 'Early May bank holiday (jobs test)')`);
		db(`DELETE FROM job_leases`);
		// auto-close: updated Friday 2 May 2025; Monday 5 May is a bank holiday
		ids.close = makeGroup('2025-04-30 10:00:00', [['new', '2025-05-02 10:00:00', '2025-06-30', '2025-07-30'], ['refused', '2025-05-02 10:00:00', '2025-06-30', '2025-07-30']]);
		// overdue: update due 4 March (new), close due 4 March (acknowledged); consent of 2024-01-02
		ids.overdue = makeGroup('2025-03-03 09:00:00', [['new', '2025-03-03 09:00:00', '2025-03-04', '2025-03-20'], ['acknowledged', '2025-03-03 09:00:00', '2025-03-01', '2025-03-04']]);
		ids.consent = makeGroup('2024-01-02 09:00:00', [['acknowledged', '2025-03-03 09:00:00', '2025-06-01', '2025-06-30']]);
		// the lease: close due 20 March
		ids.lease = makeGroup('2025-03-03 09:00:00', [['acknowledged', '2025-03-03 09:00:00', '2025-03-01', '2025-03-20']]);
	});
	after(() => {
		for (const [name, value] of settingsBefore) db(`UPDATE settings SET value = '${value}' WHERE name = '${name}'`);
		db(`DELETE FROM bank_holidays WHERE name = 'Early May bank holiday (jobs test)'`);
		// leave nothing for the files after this one
		const groups = Object.values(ids).map((g) => g.group).join(',');
		const referrals = Object.values(ids).flatMap((g) => g.referrals).join(',');
		const consents = Object.values(ids).map((g) => g.consent).join(',');
		db(`DELETE FROM inbox_messages WHERE link IN (${Object.values(ids).flatMap((g) => g.referrals).map((r) => `'/referrals/${r}'`).join(',')})`);
		db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (${referrals})`);
		db(`DELETE FROM overdue_notices WHERE referral_id IN (${referrals})`);
		db(`DELETE FROM consent_expiry_notices WHERE group_id IN (${groups})`);
		db(`DELETE FROM referrals WHERE id IN (${referrals})`);
		db(`DELETE FROM referral_groups WHERE id IN (${groups})`);
		db(`DELETE FROM consents WHERE id IN (${consents})`);
		db(`DELETE FROM clients WHERE id = ${client}`);
	});

	it('sends overdue messages once per referral and due date, to the receiving staff', () => {
		const first = runJobs('2025-03-05 12:00:00');
		assert.equal(first.status, 0, first.stderr);
		assert.match(first.stdout, /overdue referrals notified: \d+/);
		const staff = receiverStaff();
		assert.ok(staff >= 1);
		const [newOne, ackOne] = ids.overdue.referrals;
		assert.equal(messages('overdue', `/referrals/${newOne}`), staff, 'update overdue');
		assert.equal(messages('overdue', `/referrals/${ackOne}`), staff, 'close overdue');
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE kind = 'overdue' AND link = '/referrals/${newOne}' AND staff_id = ${amira}`), '1');
		assert.equal(messages('overdue', `/referrals/${ids.lease.referrals[0]}`), 0, 'not yet due');
		const again = runJobs('2025-03-05 13:00:00');
		assert.equal(again.status, 0, again.stderr);
		assert.equal(messages('overdue', `/referrals/${newOne}`), staff, 'a second run sends none');
		assert.equal(messages('overdue', `/referrals/${ackOne}`), staff);
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${newOne}`), 'new', 'two working days: not auto-closed');
	});

	it('expires consent once: messages to the administrators and the referrer, an event', () => {
		const [referral] = ids.consent.referrals;
		const link = `/referrals/${referral}`;
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE kind = 'consent_renewal' AND link = '${link}' AND staff_id = ${amira}`), '1');
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE kind = 'consent_renewal' AND link = '${link}' AND staff_id = ${admin}`), '1');
		const admins = Number(one(`SELECT COUNT(*) FROM staff WHERE active = 1 AND (is_admin = 1 OR id = ${amira})`));
		assert.equal(messages('consent_renewal', link), admins);
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'referral.consent_expired' AND subject_type = 'referral' AND subject_id = ${referral}`), '1');
		assert.equal(messages('consent_renewal', `/referrals/${ids.overdue.referrals[0]}`), 0, 'a recent consent has not expired');
		runJobs('2025-03-06 12:00:00');
		assert.equal(messages('consent_renewal', link), admins, 'once');
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'referral.consent_expired' AND subject_id = ${referral}`), '1');
	});

	it('does nothing while another instance holds the lease; of two runs at once, one does the work', async () => {
		db(`INSERT INTO job_leases (name, holder, expires_at) VALUES ('run-jobs', 'elsewhere:1:x', UTC_TIMESTAMP() + INTERVAL 5 MINUTE)`);
		const held = runJobs('2025-03-21 12:00:00');
		assert.equal(held.status, 0, held.stderr);
		assert.match(held.stdout, /another instance holds the lease/);
		const link = `/referrals/${ids.lease.referrals[0]}`;
		assert.equal(messages('overdue', link), 0, 'nothing done under a held lease');
		db(`DELETE FROM job_leases`);
		const runs = await Promise.all([runJobsAsync('2025-03-21 12:00:00'), runJobsAsync('2025-03-21 12:00:00')]);
		for (const run of runs) assert.equal(run.status, 0);
		assert.equal(messages('overdue', link), receiverStaff(), 'the work is done once');
		assert.equal(one(`SELECT COUNT(*) FROM job_leases`), '0', 'the lease is released');
		const expired = runJobs('2025-03-21 12:00:00');
		assert.doesNotMatch(expired.stdout, /another instance/);
	});

	it('auto-closes New referrals exactly at the working-day limit, across a weekend and a bank holiday', () => {
		const [closing, refused] = ids.close.referrals;
		const early = runJobs('2025-05-07 22:00:00');
		assert.equal(early.status, 0, early.stderr);
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${closing}`), 'new', 'two working days (Tue, Wed): not yet');
		assert.equal(one(`SELECT unresolved FROM referral_groups WHERE id = ${ids.close.group}`), '0');
		const due = runJobs('2025-05-08 08:00:00');
		assert.equal(due.status, 0, due.stderr);
		assert.match(due.stdout, /auto-closed as no response: [1-9]/);
		const reason = one(`SELECT value FROM settings WHERE name = 'auto_close_reason_id'`);
		assert.deepEqual(dbRows(`SELECT status, COALESCE(closure_reason_id, 0), closed_at FROM referrals WHERE id = ${closing}`), [['no_response', reason, '2025-05-08 08:00:00']]);
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'referral.no_response' AND subject_type = 'referral' AND subject_id = ${closing}`), '1');
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${refused}`), 'refused');
		assert.equal(one(`SELECT unresolved FROM referral_groups WHERE id = ${ids.close.group}`), '1', 'all refused or no response: unresolved');
		// the overdue group still has an acknowledged referral: not unresolved
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${ids.overdue.referrals[0]}`), 'no_response');
		assert.equal(one(`SELECT unresolved FROM referral_groups WHERE id = ${ids.overdue.group}`), '0');
	});

	it('runs on the real clock without --now', () => {
		const res = spawnSync(bin, ['-c', config, 'run-jobs'], { encoding: 'utf8', timeout: 60000 });
		assert.equal(res.status, 0, res.stderr);
		assert.match(res.stdout, /^clock: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/m);
		assert.match(res.stdout, /^consent expired: \d+ groups/m);
	});

	// These two run after the real-clock run above, which did all the work due up to now: at
	// their 2024 clocks only their own rows are due.
	it('stops at the next item, undoing it, when another instance took the lease mid-run', () => {
		// three overdue items: acknowledged referrals whose close was due on Friday 1 March 2024
		ids.lost = makeGroup('2024-02-20 09:00:00', [1, 2, 3].map(() => ['acknowledged', '2024-02-20 09:00:00', '2024-02-22', '2024-03-01']));
		const referrals = ids.lost.referrals;
		const notices = (r) => Number(one(`SELECT COUNT(*) FROM overdue_notices WHERE referral_id = ${r}`));
		db(`DELETE FROM job_leases`);
		// the first item's own transaction hands the lease to another host as it sends a message
		db(`CREATE TRIGGER jobs_test_steal_lease AFTER INSERT ON inbox_messages FOR EACH ROW UPDATE job_leases SET holder = 'another-host' WHERE name = 'run-jobs'`);
		let run;
		try {
			run = runJobs('2024-03-05 12:00:00');
		} finally {
			db(`DROP TRIGGER IF EXISTS jobs_test_steal_lease`);
		}
		assert.equal(run.status, 1, run.stdout + run.stderr);
		assert.match(run.stderr, /^referrals run-jobs: lost the lease to another instance: stopping$/m);
		assert.doesNotMatch(run.stdout, /overdue referrals notified/, 'no summary of a run cut short');
		const staff = receiverStaff();
		const done = referrals.filter((r) => notices(r) === 1);
		assert.equal(done.length, 1, 'exactly one item done');
		assert.equal(messages('overdue', `/referrals/${done[0]}`), staff, 'the item done is whole');
		for (const r of referrals.filter((x) => x !== done[0])) {
			assert.equal(notices(r), 0, `referral ${r} untouched`);
			assert.equal(messages('overdue', `/referrals/${r}`), 0, `referral ${r}: no message`);
		}
		assert.deepEqual(dbRows(`SELECT holder FROM job_leases`), [['another-host']], 'the lease it lost is not released by it');
		// once the lease is free again, a run does the rest, and the item done is not done twice
		db(`DELETE FROM job_leases`);
		const rest = runJobs('2024-03-05 12:00:00');
		assert.equal(rest.status, 0, rest.stderr);
		assert.match(rest.stdout, /^overdue referrals notified: 2 /m);
		for (const r of referrals) {
			assert.equal(notices(r), 1, `referral ${r}`);
			assert.equal(messages('overdue', `/referrals/${r}`), staff, `referral ${r}: messages once`);
		}
	});

	it('renews the lease at the start of each item’s transaction, one renewal per item', () => {
		// on Monday 12 February 2024 (before anything of the test above is due), one item of
		// each kind: an auto-close (new since Friday 2 February), an overdue notice (close due
		// 6 February), a consent expiry (consent of 2023)
		ids.renewClose = makeGroup('2024-02-02 09:00:00', [['new', '2024-02-02 10:00:00', '2024-12-31', '2024-12-31']]);
		ids.renewOverdue = makeGroup('2024-02-02 09:00:00', [['acknowledged', '2024-02-02 10:00:00', '2024-02-05', '2024-02-06']]);
		ids.renewConsent = makeGroup('2023-01-02 09:00:00', [['acknowledged', '2024-02-02 10:00:00', '2024-12-31', '2024-12-31']]);
		const [closing] = ids.renewClose.referrals;
		const [overdue] = ids.renewOverdue.referrals;
		// each renewal logs the lease's holder and length and how many of the items were done
		// at that moment (seen from inside the item's transaction)
		const itemsDone = `(SELECT COUNT(*) FROM referrals WHERE id = ${closing} AND status = 'no_response')` +
			` + (SELECT COUNT(*) FROM overdue_notices WHERE referral_id = ${overdue})` +
			` + (SELECT COUNT(*) FROM consent_expiry_notices WHERE group_id = ${ids.renewConsent.group})`;
		db(`DELETE FROM job_leases`); // taking a free lease inserts its row: only renewals update it
		db(`DROP TABLE IF EXISTS jobs_test_lease_log; CREATE TABLE jobs_test_lease_log (id INT AUTO_INCREMENT PRIMARY KEY, holder VARCHAR(200), seconds INT, items_done INT)`);
		let run, log;
		try {
			db(`CREATE TRIGGER jobs_test_log_lease AFTER UPDATE ON job_leases FOR EACH ROW INSERT INTO jobs_test_lease_log (holder, seconds, items_done) VALUES (NEW.holder, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NEW.expires_at), ${itemsDone})`);
			run = runJobs('2024-02-12 12:00:00');
			log = dbRows(`SELECT holder, seconds, items_done FROM jobs_test_lease_log ORDER BY id`);
		} finally {
			db(`DROP TRIGGER IF EXISTS jobs_test_log_lease; DROP TABLE IF EXISTS jobs_test_lease_log`);
		}
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /^auto-closed as no response: 1 /m);
		assert.match(run.stdout, /^overdue referrals notified: 1 /m);
		assert.match(run.stdout, /^consent expired: 1 groups/m);
		assert.deepEqual(log.map(([, , n]) => Number(n)), [0, 1, 2], 'one renewal per item, each before its own work and after the last item’s');
		for (const [holder, seconds] of log) {
			assert.match(holder, new RegExp(`:${run.pid}:[0-9a-f]{16}$`), 'renewed by the run that holds it');
			assert.ok(Number(seconds) > 9 * 60 && Number(seconds) <= 10 * 60, `renewed for ten minutes (${seconds} s)`);
		}
		assert.equal(one(`SELECT COUNT(*) FROM job_leases`), '0', 'released at the end');
	});

	it('refuses a malformed clock', () => {
		const bad = runJobs('next tuesday');
		assert.equal(bad.status, 1);
		assert.match(bad.stderr, /--now wants/);
	});
});

// More work than one batch (JOBS_BATCH, 200) in every part, rows that tie on the order each part
// reads in, and the rows read when there is nothing to do: each part finds its work through an
// index of its own (sql/015_jobs_scale.sql), a batch after another, and not by walking the tables.
describe('referrals run-jobs: batches, and reading only the work', () => {
	const N = 450;
	const clock = '2023-06-14 12:00:00'; // a Wednesday, before any demo or test referral
	const clients = {};
	let amira, receiver, sender, issue, settingsBefore;

	// n groups of one referral each for client, each with its own consent, recorded at
	// consentAt plus a second for every hundred (so some tie); the referrals as given
	function bulk(client, n, consentAt, { status, created, updated = created, updateDue, closeDue }) {
		db(`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at)
			SELECT ${client}, ${sender}, ${amira}, '${consentAt}' + INTERVAL (seq DIV 100) SECOND FROM seq_1_to_${n};
		    INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, created_at)
			SELECT client_id, ${issue}, ${sender}, ${amira}, id, '${created}' FROM consents WHERE client_id = ${client} ORDER BY id;
		    INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at, updated_at)
			SELECT id, client_id, ${issue}, ${sender}, ${receiver}, ${amira}, '${status}', '${updateDue}', '${closeDue}', '${created}', '${updated}'
			FROM referral_groups WHERE client_id = ${client} ORDER BY id`);
	}
	// one group of one referral for client with a consent of its own; returns their ids
	function single(client, consentAt, { status, created, updated = created, updateDue, closeDue }) {
		const consent = one(`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at) VALUES (${client}, ${sender}, ${amira}, '${consentAt}'); SELECT LAST_INSERT_ID()`);
		const group = one(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, created_at) VALUES (${client}, ${issue}, ${sender}, ${amira}, ${consent}, '${created}'); SELECT LAST_INSERT_ID()`);
		const referral = one(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at, updated_at)` +
			` VALUES (${group}, ${client}, ${issue}, ${sender}, ${receiver}, ${amira}, '${status}', '${updateDue}', '${closeDue}', '${created}', '${updated}'); SELECT LAST_INSERT_ID()`);
		return { consent, group, referral };
	}
	const count = (sql) => Number(one(sql));
	const ofClient = (name) => `SELECT id FROM referrals WHERE client_id = ${clients[name]}`;
	// rows the server read through its tables' indexes and scans, from its status counters
	const handlerReads = () => dbRows(`SHOW GLOBAL STATUS WHERE Variable_name IN ('Handler_read_first', 'Handler_read_key', 'Handler_read_next', 'Handler_read_prev', 'Handler_read_rnd_next')`)
		.reduce((sum, [, value]) => sum + Number(value), 0);

	before(async () => {
		await signedIn('amira');
		amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
		receiver = one(`SELECT organisation_id FROM staff_orgs WHERE staff_id = ${amira} ORDER BY organisation_id LIMIT 1`);
		sender = one(`SELECT id FROM organisations WHERE id <> ${receiver} ORDER BY id LIMIT 1`);
		issue = one(`SELECT id FROM issues ORDER BY id LIMIT 1`);
		settingsBefore = dbRows(`SELECT name, value FROM settings WHERE name IN ('auto_close_days', 'consent_expiry_days')`);
		db(`UPDATE settings SET value = '3' WHERE name = 'auto_close_days'; UPDATE settings SET value = '365' WHERE name = 'consent_expiry_days'`);
		db(`DELETE FROM job_leases`);
		// all the work due by now done first: at the 2023 clock only this block's rows are due
		const now = spawnSync(bin, ['-c', config, 'run-jobs'], { encoding: 'utf8', timeout: 60000 });
		assert.equal(now.status, 0, now.stderr);
		for (const name of ['close', 'overdue', 'consent', 'noticed', 'edges']) {
			clients[name] = one(`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, created_by) VALUES ('Batch', '${name}', 'batch', '${name}', '1980-01-01', ${amira}); SELECT LAST_INSERT_ID()`);
		}
		// New since Thursday 1 June, all last changed at the same moment: to close
		bulk(clients.close, N, '2023-06-01 09:00:00', { status: 'new', created: '2023-06-01 10:00:00', updateDue: '2030-01-01', closeDue: '2030-01-01' });
		// Acknowledged, close due on Tuesday 13 June, all the same day: overdue
		bulk(clients.overdue, N, '2023-06-01 09:00:00', { status: 'acknowledged', created: '2023-06-01 10:00:00', updateDue: '2023-06-08', closeDue: '2023-06-13' });
		// consents of June 2022: expired
		bulk(clients.consent, N, '2022-06-01 09:00:00', { status: 'acknowledged', created: '2022-06-01 10:00:00', updateDue: '2030-01-01', closeDue: '2030-01-01' });
		// the same again, among them in each part's order, but already told (notices written
		// as a data load or an earlier version would have left them): nothing to send
		bulk(clients.noticed, N, '2022-06-01 09:00:00', { status: 'acknowledged', created: '2022-06-01 10:00:00', updateDue: '2023-06-08', closeDue: '2023-06-13' });
		db(`INSERT INTO overdue_notices (referral_id, due_kind, due_date) SELECT id, 'close', close_due FROM referrals WHERE client_id = ${clients.noticed};
		    INSERT INTO consent_expiry_notices (group_id, consent_id) SELECT id, consent_id FROM referral_groups WHERE client_id = ${clients.noticed}`);
	});
	after(() => {
		for (const [name, value] of settingsBefore) db(`UPDATE settings SET value = '${value}' WHERE name = '${name}'`);
		const ids = Object.values(clients).join(',');
		const referrals = `SELECT id FROM referrals WHERE client_id IN (${ids})`;
		db(`DELETE FROM inbox_messages WHERE link IN (SELECT CONCAT('/referrals/', id) FROM referrals WHERE client_id IN (${ids}));
		    DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (${referrals});
		    DELETE FROM overdue_notices WHERE referral_id IN (${referrals});
		    DELETE FROM consent_expiry_notices WHERE group_id IN (SELECT id FROM referral_groups WHERE client_id IN (${ids}));
		    DELETE FROM referrals WHERE client_id IN (${ids});
		    DELETE FROM referral_groups WHERE client_id IN (${ids});
		    DELETE FROM consents WHERE client_id IN (${ids});
		    DELETE FROM clients WHERE id IN (${ids})`);
	});

	const edges = {};
	it('does more than a batch of each part in one run, and each item once', () => {
		// at the edges: New since Monday 12 June (two working days), New since 1 June but
		// changed on Tuesday, New since Friday 9 June (three working days: closed)
		edges.monday = single(clients.edges, '2023-06-12 09:00:00', { status: 'new', created: '2023-06-12 10:00:00', updateDue: '2023-06-13', closeDue: '2030-01-01' });
		edges.changed = single(clients.edges, '2023-06-01 09:00:00', { status: 'new', created: '2023-06-01 10:00:00', updated: '2023-06-13 10:00:00', updateDue: '2030-01-01', closeDue: '2030-01-01' });
		edges.friday = single(clients.edges, '2023-06-09 09:00:00', { status: 'new', created: '2023-06-09 10:00:00', updateDue: '2030-01-01', closeDue: '2030-01-01' });
		// a consent of two groups, a consent no group has any more, and a group whose consent will be renewed
		edges.shared = single(clients.edges, '2022-06-01 09:00:00', { status: 'acknowledged', created: '2022-06-01 10:00:00', updateDue: '2030-01-01', closeDue: '2030-01-01' });
		edges.sharing = one(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, created_at) VALUES (${clients.edges}, ${issue}, ${sender}, ${amira}, ${edges.shared.consent}, '2022-06-01 10:00:00'); SELECT LAST_INSERT_ID()`);
		db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at, updated_at) VALUES (${edges.sharing}, ${clients.edges}, ${issue}, ${sender}, ${receiver}, ${amira}, 'acknowledged', '2030-01-01', '2030-01-01', '2022-06-01 10:00:00', '2022-06-01 10:00:00')`);
		edges.orphan = one(`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at) VALUES (${clients.edges}, ${sender}, ${amira}, '2022-06-01 09:00:00'); SELECT LAST_INSERT_ID()`);
		edges.renewed = single(clients.edges, '2022-05-01 09:00:00', { status: 'acknowledged', created: '2022-05-01 10:00:00', updateDue: '2030-01-01', closeDue: '2030-01-01' });

		const run = runJobs(clock);
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, new RegExp(`^auto-closed as no response: ${N + 1} `, 'm'));
		assert.match(run.stdout, new RegExp(`^overdue referrals notified: ${N + 1} `, 'm'));
		assert.match(run.stdout, new RegExp(`^consent expired: ${N + 3} groups`, 'm'));

		assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE client_id = ${clients.close} AND status = 'no_response'`), N, 'every New referral closed');
		assert.equal(count(`SELECT COUNT(*) FROM events WHERE action = 'referral.no_response' AND subject_id IN (${ofClient('close')})`), N, 'one event each');
		assert.deepEqual(dbRows(`SELECT id, status FROM referrals WHERE client_id = ${clients.edges} AND status IN ('new', 'no_response') ORDER BY id`),
			[[edges.monday.referral, 'new'], [edges.changed.referral, 'new'], [edges.friday.referral, 'no_response']]);

		const staff = count(`SELECT COUNT(DISTINCT s.id) FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE so.organisation_id = ${receiver} AND s.active = 1`);
		assert.equal(count(`SELECT COUNT(*) FROM overdue_notices WHERE due_kind = 'close' AND due_date = '2023-06-13' AND referral_id IN (${ofClient('overdue')})`), N, 'every overdue referral noticed');
		assert.equal(count(`SELECT COUNT(*) FROM inbox_messages WHERE kind = 'overdue' AND link IN (SELECT CONCAT('/referrals/', id) FROM referrals WHERE client_id = ${clients.overdue})`), N * staff, 'a message to each receiving staff member for each');
		assert.equal(count(`SELECT COUNT(*) FROM overdue_notices WHERE referral_id = ${edges.monday.referral} AND due_kind = 'update' AND due_date = '2023-06-13'`), 1);

		const told = count(`SELECT COUNT(*) FROM staff WHERE active = 1 AND (is_admin = 1 OR id = ${amira})`);
		assert.equal(count(`SELECT COUNT(*) FROM consent_expiry_notices n JOIN referral_groups g ON g.id = n.group_id WHERE g.client_id = ${clients.consent}`), N, 'every expired consent noticed');
		assert.equal(count(`SELECT COUNT(*) FROM inbox_messages WHERE kind = 'consent_renewal' AND link IN (SELECT CONCAT('/referrals/', id) FROM referrals WHERE client_id = ${clients.consent})`), N * told);
		assert.equal(count(`SELECT COUNT(*) FROM consent_expiry_notices WHERE consent_id = ${edges.shared.consent}`), 2, 'both groups of a shared consent');
		assert.equal(count(`SELECT COUNT(*) FROM consents WHERE client_id IN (${clients.consent}, ${clients.noticed}, ${clients.edges}) AND recorded_at < '2023-01-01' AND expiry_pending = 1`), 0, 'every expired consent is off the list, the one without a group too');

		assert.equal(count(`SELECT COUNT(*) FROM inbox_messages WHERE link IN (SELECT CONCAT('/referrals/', id) FROM referrals WHERE client_id = ${clients.noticed})`), 0, 'nothing sent again');
		assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE client_id = ${clients.noticed} AND overdue_pending IS NULL AND overdue_noticed_kind = 'close' AND overdue_noticed_due = '2023-06-13'`), N, 'the notices already sent recorded on the referrals');
	});

	it('reads next to nothing when there is nothing to do', async (t) => {
		// The server's counters are global: the master's e-mail sender must not be busy with
		// the e-mails of the notices above while the job is measured (they are not its subject).
		db(`UPDATE mail_outbox SET state = 'sent', sent_at = UTC_TIMESTAMP() WHERE state = 'pending'`);
		await new Promise((resolve) => setTimeout(resolve, 3000)); // its batch in hand ends
		const readBefore = handlerReads();
		const run = runJobs(clock);
		const read = handlerReads() - readBefore;
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /^auto-closed as no response: 0 /m);
		assert.match(run.stdout, /^overdue referrals notified: 0 /m);
		assert.match(run.stdout, /^consent expired: 0 groups/m);
		// the lease, the settings, the closure reason and a few bank holidays; walking the
		// referrals or the groups would read thousands (this block alone made 1,800 of each)
		t.diagnostic(`rows read: ${read}`);
		assert.ok(read < 300, `rows read: ${read}`);
	});

	it('owes a new notice when the referral changes: acknowledged past its close date, a renewed consent expired again', () => {
		db(`UPDATE referrals SET status = 'acknowledged', close_due = '2023-06-13' WHERE id = ${edges.monday.referral}`);
		const renewed = one(`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at) VALUES (${clients.edges}, ${sender}, ${amira}, '2022-06-10 09:00:00'); SELECT LAST_INSERT_ID()`);
		db(`UPDATE referral_groups SET consent_id = ${renewed} WHERE id = ${edges.renewed.group}`);
		const run = runJobs(clock);
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /^overdue referrals notified: 1 /m);
		assert.match(run.stdout, /^consent expired: 1 groups/m);
		assert.deepEqual(dbRows(`SELECT due_kind, due_date FROM overdue_notices WHERE referral_id = ${edges.monday.referral} ORDER BY due_kind`), [['update', '2023-06-13'], ['close', '2023-06-13']]);
		assert.deepEqual(dbRows(`SELECT consent_id FROM consent_expiry_notices WHERE group_id = ${edges.renewed.group} ORDER BY consent_id`), [[edges.renewed.consent], [renewed]]);
		const again = runJobs(clock);
		assert.match(again.stdout, /^overdue referrals notified: 0 /m);
		assert.match(again.stdout, /^consent expired: 0 groups/m);
	});
});
