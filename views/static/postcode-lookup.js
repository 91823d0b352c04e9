// The "Find address details" button of the journey's address step: asks
// /api/postcodes/<postcode> for the postcode's town and residing local authority and fills
// them in. Without JavaScript posting the form does the same on the server, so this only
// saves a round trip; everything stays editable by hand.
const container = document.getElementById('postcode-lookup');
const postcode = document.getElementById('postcode');
const town = document.getElementById('town');
const authority = document.getElementById('local_authority');

if (container && postcode && town && authority) {
	const base = container.dataset.lookupUrl;

	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-3';
	button.textContent = 'Find address details';
	button.setAttribute('aria-controls', 'town local_authority');

	// Read out when it changes: what was found, or why nothing was.
	const status = document.createElement('p');
	status.className = 'govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0';
	status.id = 'postcode-lookup-status';
	status.setAttribute('role', 'status');

	// the button beside the postcode box (below it on a narrow screen), the status under both
	const wrapper = document.createElement('div');
	wrapper.className = 'govuk-input__wrapper';
	postcode.replaceWith(wrapper);
	wrapper.append(postcode, button);
	wrapper.after(status);

	const say = (message) => {
		status.textContent = message;
	};

	const fill = (found) => {
		postcode.value = found.postcode;
		if (found.town) town.value = found.town;
		const option = [...authority.options].find((o) => o.value === String(found.local_authority_id));
		if (option) {
			authority.value = option.value;
			say(`Found ${found.postcode}: ${found.town ? found.town + ', ' : ''}${found.local_authority} local authority.`);
		} else {
			// an inactive local authority is not offered: the user chooses one
			say(`Found ${found.postcode} in ${found.local_authority}, which cannot be chosen at the moment: select the local authority yourself.`);
		}
	};

	let latest = 0;
	button.addEventListener('click', async () => {
		const typed = postcode.value.trim();
		if (!typed) {
			say('Enter a postcode first.');
			postcode.focus();
			return;
		}
		const asked = ++latest;
		say('Looking up the postcode…');
		try {
			const response = await fetch(base + encodeURIComponent(typed.replace(/\s+/g, '')), {
				headers: { Accept: 'application/json' },
				credentials: 'same-origin',
			});
			if (asked !== latest) return; // a later lookup is on its way
			const isJson = (response.headers.get('Content-Type') || '').startsWith('application/json');
			const answer = isJson ? await response.json() : null;
			if (response.ok && answer) fill(answer);
			else if (answer && answer.message) say(answer.message + '.');
			else say('The postcode lookup is not working at the moment: enter the town and choose the local authority yourself.');
		} catch {
			if (asked === latest) say('The postcode lookup is not working at the moment: enter the town and choose the local authority yourself.');
		}
	});
}
