// The details step's timeframes follow the urgency at once (issue 12): both sets are on the
// page in data attributes, so ticking Yes or No swaps them without a round trip. Without
// JavaScript the page shows the saved urgency's, and the next page the one just chosen.
const list = document.getElementById('timeframes');
const update = document.getElementById('timeframe-update');
const close = document.getElementById('timeframe-close');
const heading = document.getElementById('timeframes-heading');
const radios = document.querySelectorAll('input[name="urgent"]');

if (list && update && close && heading && radios.length > 0) {
	const show = () => {
		const chosen = document.querySelector('input[name="urgent"]:checked');
		const urgent = chosen !== null && chosen.value === 'yes';
		const kind = urgent ? 'urgent' : 'normal';
		update.textContent = list.dataset[`${kind}Update`];
		close.textContent = list.dataset[`${kind}Close`];
		heading.textContent = urgent ? 'Timeframes for an urgent referral' : 'Timeframes';
	};
	for (const radio of radios) radio.addEventListener('change', show);
	show();
}
