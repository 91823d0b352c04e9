// What every browser test shares: Debian's Chromium launched the same way, and the
// accessibility check (axe-core, no serious or critical violations).
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
