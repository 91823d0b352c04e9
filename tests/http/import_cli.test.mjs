// `referrals import-postcodes FILE`, the command for the whole ONS Postcode Directory: it streams
// the file, prints progress every 10,000 rows and the final counts, refuses bad rows with their
// line numbers, and fails clearly on a file it cannot use.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { STACK_DIR, db, dbRows } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.REFERRALS_BIN || path.join(here, '..', '..', 'fcgi', 'referrals');
const config = path.join(STACK_DIR, 'referrals.hdf');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'referrals-import-'));

function importFile(file) {
	return spawnSync(bin, ['-c', config, 'import-postcodes', file], { encoding: 'utf8', timeout: 120000 });
}

// n postcodes of the form TQd dLL in Hartlepool (E06000001), in the ONSPD's own columns
function directory(n) {
	const letters = 'ABDEFGHJLNPQRSTUWXYZ';
	const rows = ['pcd7,pcds,doterm,lad25cd'];
	for (let i = 0; i < n; i++) {
		const district = 1 + (i % 9), sector = Math.floor(i / 9) % 10, unit = Math.floor(i / 90);
		const code = `TQ${district} ${sector}${letters[Math.floor(unit / 20) % 20]}${letters[unit % 20]}`;
		rows.push(`"${code}","${code}","","E06000001"`);
	}
	return rows.join('\n') + '\n';
}

// n distinct postcodes YOd dLL (d: 1..9 the district, then sector and unit)
function codes(n, district = 1) {
	const letters = 'ABDEFGHJLNPQRSTUWXYZ';
	return Array.from({ length: n }, (_, i) => `YO${district} ${Math.floor(i / 400) % 10}${letters[Math.floor(i / 20) % 20]}${letters[i % 20]}`);
}
// a file of [postcode, local authority code] rows
function csv(rows) {
	return 'pcds,lad25cd\n' + rows.map(([code, la]) => `"${code}","${la}"`).join('\n') + '\n';
}
const laOf = (code) => one(`SELECT l.code FROM postcodes p JOIN local_authorities l ON l.id = p.local_authority_id WHERE p.postcode = '${code.replace(' ', '')}'`);
const one = (sql) => db(sql).trim();

describe('referrals import-postcodes', () => {
	after(() => {
		db(`DELETE FROM postcodes WHERE postcode LIKE 'TQ%' OR postcode LIKE 'YO%'`);
		fs.rmSync(work, { recursive: true, force: true });
	});

	it('loads a large file with progress and counts, and a second run changes nothing', () => {
		const file = path.join(work, 'onspd.csv');
		fs.writeFileSync(file, directory(25000));
		const first = importFile(file);
		assert.equal(first.status, 0, first.stderr);
		assert.match(first.stdout, /^10000 rows read/m, 'progress at 10,000 rows');
		assert.match(first.stdout, /^20000 rows read/m, 'progress at 20,000 rows');
		assert.match(first.stdout, /^rows read: 25000$/m);
		assert.match(first.stdout, /^taken: 25000 \(25000 new, 0 updated, 0 unchanged\)$/m);
		assert.match(first.stdout, /^refused: 0$/m);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM postcodes p JOIN local_authorities l ON l.id = p.local_authority_id WHERE p.postcode LIKE 'TQ%' AND l.code = 'E06000001'`), [['25000']]);
		const again = importFile(file);
		assert.equal(again.status, 0);
		assert.match(again.stdout, /^taken: 25000 \(0 new, 0 updated, 25000 unchanged\)$/m);
		assert.ok(Number(db(`SELECT COUNT(*) FROM events WHERE action = 'admin.postcode.import' AND detail LIKE 'command line:%'`)) >= 2, 'each import is in the audit log');
	});

	it('refuses bad rows with their line numbers and takes the good ones', () => {
		const file = path.join(work, 'mixed.csv');
		fs.writeFileSync(file, 'pcds,lad25cd\n"TQ1 9ZZ","E06000001"\n"NOT A CODE","E06000001"\n"TQ2 9ZZ","E99999999"\n"TQ3 9ZZ","E06000001"\n');
		const res = importFile(file);
		assert.equal(res.status, 0, res.stderr);
		assert.match(res.stdout, /^rows read: 4$/m);
		assert.match(res.stdout, /^taken: 2 \(2 new, 0 updated, 0 unchanged\)$/m);
		assert.match(res.stdout, /^refused: 2$/m);
		assert.match(res.stdout, /line 3: Not a valid postcode: "NOT A CODE"/);
		assert.match(res.stdout, /line 4: Unknown local authority code: .*E99999999/);
		assert.deepEqual(dbRows(`SELECT postcode FROM postcodes WHERE postcode IN ('TQ19ZZ', 'TQ29ZZ', 'TQ39ZZ') ORDER BY postcode`), [['TQ19ZZ'], ['TQ39ZZ']]);
	});

	// The rows are written a thousand at a time (POSTCODE_IMPORT_BATCH), a few statements a
	// batch: the counts and the rows must come out the same on either side of a batch's edge.
	it('writes in batches: counts and rows right at, below and across a batch edge', () => {
		const file = path.join(work, 'edges.csv');
		for (const [n, district] of [[999, 1], [1000, 2], [1001, 3], [2501, 4]]) {
			const list = codes(n, district);
			fs.writeFileSync(file, csv(list.map((code) => [code, 'E06000001'])));
			const first = importFile(file);
			assert.equal(first.status, 0, first.stderr);
			assert.match(first.stdout, new RegExp(`^taken: ${n} \\(${n} new, 0 updated, 0 unchanged\\)$`, 'm'), `${n} rows`);
			assert.equal(one(`SELECT COUNT(*) FROM postcodes WHERE postcode LIKE 'YO${district}%'`), String(n));
			// every third one moves to another local authority; the rest are as they were
			const moved = list.filter((_, i) => i % 3 === 2).length;
			fs.writeFileSync(file, csv(list.map((code, i) => [code, i % 3 === 2 ? 'E06000002' : 'E06000001'])));
			const again = importFile(file);
			assert.equal(again.status, 0, again.stderr);
			assert.match(again.stdout, new RegExp(`^taken: ${n} \\(0 new, ${moved} updated, ${n - moved} unchanged\\)$`, 'm'), `${n} rows again`);
			assert.equal(laOf(list[n - 1]), (n - 1) % 3 === 2 ? 'E06000002' : 'E06000001', 'the last row of the last batch');
			if (n > 1000) assert.equal(laOf(list[999]), 'E06000001', 'the last row of the first batch');
			if (n > 1000) assert.equal(laOf(list[1000]), 'E06000001', 'the first row of the second batch');
			if (n > 1001) assert.equal(laOf(list[1001]), 'E06000002', 'the second row of the second batch');
		}
		// A postcode twice, once within a batch (rows 1 and 2) and once across an edge (rows
		// 1000 and 1001, with refused rows before it that do not count towards a batch): new
		// the first time, then changed, and the later row wins, as row by row.
		const list = codes(1200, 5);
		const rows = list.map((code) => [code, 'E06000001']);
		rows[1] = [list[0], 'E06000002'];
		rows.splice(1000, 0, [list[999], 'E06000002']);
		for (const at of [10, 20, 30]) rows.splice(at, 0, ['NOT A CODE', 'E06000001']);
		fs.writeFileSync(file, csv(rows));
		const res = importFile(file);
		assert.equal(res.status, 0, res.stderr);
		assert.match(res.stdout, /^rows read: 1204$/m);
		assert.match(res.stdout, /^taken: 1201 \(1199 new, 2 updated, 0 unchanged\)$/m);
		assert.match(res.stdout, /^refused: 3$/m);
		assert.equal(laOf(list[0]), 'E06000002');
		assert.equal(laOf(list[999]), 'E06000002');
		assert.equal(laOf(list[1000]), 'E06000001');
	});

	it('fails with a clear message on a missing file or one without the needed columns', () => {
		const missing = importFile(path.join(work, 'nope.csv'));
		assert.equal(missing.status, 1);
		assert.match(missing.stderr, /cannot open .*nope\.csv/);
		const file = path.join(work, 'wrong.csv');
		fs.writeFileSync(file, 'name,town\n"x","y"\n');
		const wrong = importFile(file);
		assert.equal(wrong.status, 1);
		assert.match(wrong.stderr, /no postcode column/);
	});
});
