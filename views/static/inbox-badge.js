// Keeps the header's unread badge (#inbox-unread, inside the Inbox link) up to date: asks
// GET <base>/api/inbox/unread every 60 seconds while the page is visible. Without
// JavaScript the badge shows the count as it was when the page was drawn. The count stops at
// 100 (the server counts no further): "99+" beyond 99. The poll is not activity: the server
// does not start the session's idle timeout again for it, so a tab left open still times out.
const badge = document.getElementById('inbox-unread');
const link = badge ? badge.closest('a') : null;

if (badge && link) {
	const base = link.getAttribute('href').replace(/\/inbox$/, '');
	const show = (count) => {
		badge.replaceChildren();
		if (count > 0) {
			badge.append(count > 99 ? '99+' : String(count));
			const hidden = document.createElement('span');
			hidden.className = 'govuk-visually-hidden';
			hidden.textContent = ' unread';
			badge.append(hidden);
			badge.hidden = false;
		} else {
			badge.hidden = true;
		}
	};
	const refresh = async () => {
		if (document.visibilityState === 'hidden') return;
		try {
			const res = await fetch(`${base}/api/inbox/unread`, {
				credentials: 'same-origin',
				headers: { Accept: 'application/json' },
			});
			if (!res.ok) return;
			const data = await res.json();
			if (Number.isInteger(data.unread)) show(data.unread);
		} catch {
			// offline or signed out: keep what is shown
		}
	};
	setInterval(refresh, 60000);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') refresh();
	});
}
