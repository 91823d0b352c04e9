// What every browser test shares: Debian's Chromium launched the same way, the accessibility
// check (axe-core, no serious or critical violations) and the check for words broken inside a
// table cell.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Root needs --no-sandbox; the rest keeps Chromium off the (closed) network.
export function launchChromium() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
	});
}

// axe-core evaluated through the DevTools protocol: the page's CSP refuses inline scripts, so
// page.addScriptTag cannot inject it; the page's own scripts still run under the CSP.
export async function assertAccessible(page, what) {
	if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE_SOURCE);
	const result = await page.evaluate(() => window.axe.run());
	const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	for (const v of serious) {
		console.log(`axe on ${what}: ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})`);
		for (const node of v.nodes) console.log(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n\s*/g, ' ')}`);
	}
	assert.deepEqual(serious.map((v) => v.id), [], `axe: no serious or critical violations on ${what}`);
}

// The words broken inside a table cell of the page's main content, [] when none (issue 12:
// column text never breaks inside a word). Every run of non-space characters of a text node,
// as a Range, has its boxes on a single line (a word broken across lines has boxes on two);
// and no cell's content is wider than the cell (a word that does not fit would overflow it
// instead of breaking). A hyphen ends a word here, as it ends a line in ordinary
// line breaking ("welfare-" / "rights" of a directory group's name is not a broken word;
// "welf" / "are" would be).
export function brokenWords(page) {
	return page.evaluate(() => {
		const broken = [];
		for (const cell of document.querySelectorAll('main table td, main table th')) {
			if (cell.scrollWidth > cell.clientWidth + 1) broken.push(`overflowing cell: ${cell.textContent.trim().slice(0, 60)}`);
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				for (const m of node.data.matchAll(/[^\s-]+-?/g)) {
					const range = document.createRange();
					range.setStart(node, m.index);
					range.setEnd(node, m.index + m[0].length);
					const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
					if (lines.size > 1) broken.push(m[0]);
				}
			}
		}
		return broken;
	});
}
