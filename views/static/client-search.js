// As-you-type client search on the journey's find step. Without JavaScript the Search button
// does the same on the server; this only shows the matches sooner. It asks
// /api/clients/search (the same rules: exact matches from everyone, close ones only from
// clients the organisation can see) once the name and a whole date of birth are typed.
// (the search of a draft's find step, or of New referral itself, before any draft)
const form = document.querySelector('form[action$="/find"], form[method="get"][action$="/referrals/new"]');
const results = document.getElementById('client-search-results');

if (form && results) {
	const base = form.getAttribute('action').replace(/\/(drafts\/\d+\/find|referrals\/new)$/, '');
	const field = (name) => form.querySelector(`[name="${name}"]`);
	let timer = null;
	let latest = 0;

	const text = (tag, content, className) => {
		const element = document.createElement(tag);
		element.textContent = content;
		if (className) element.className = className;
		return element;
	};

	const describe = (match) => {
		const where = [match.outward_code, match.town].filter(Boolean).join(', ');
		return `${match.first_name} ${match.last_name}, born ${match.date_of_birth_text}` +
			(where ? ` (${where})` : '') + (match.reason_text ? `: ${match.reason_text}` : '');
	};

	const show = (data) => {
		results.replaceChildren();
		const count = data.exact.length + data.close.length;
		results.append(text('p', count === 0
			? 'No client matches yet. Select Search to continue.'
			: `${count} possible ${count === 1 ? 'match' : 'matches'}. Select Search to choose one.`,
			'govuk-body govuk-!-font-weight-bold'));
		if (count > 0) {
			const list = text('ul', '', 'govuk-list govuk-list--bullet');
			for (const match of [...data.exact, ...data.close]) list.append(text('li', describe(match)));
			results.append(list);
		}
	};

	const search = async () => {
		const values = Object.fromEntries(['first_name', 'last_name', 'dob_day', 'dob_month', 'dob_year']
			.map((name) => [name, (field(name)?.value || '').trim()]));
		if (!values.first_name || !values.last_name || values.dob_year.length !== 4 || !values.dob_day || !values.dob_month) {
			results.replaceChildren();
			return;
		}
		const asked = ++latest;
		try {
			const response = await fetch(`${base}/api/clients/search?${new URLSearchParams(values)}`, {
				headers: { Accept: 'application/json' },
				credentials: 'same-origin',
			});
			if (asked !== latest) return; // a later search is on its way
			if (!response.ok) {
				results.replaceChildren();
				return;
			}
			show(await response.json());
		} catch {
			results.replaceChildren();
		}
	};

	form.addEventListener('input', () => {
		clearTimeout(timer);
		timer = setTimeout(search, 300);
	});
}
