// The address step's "No fixed abode": while it is ticked, the address fields are hidden and
// only the local authority is asked (issue 12). The checkbox names the block it controls; it
// carries no aria-expanded, which axe does not allow on a checkbox. Hidden fields are disabled
// too, so what was typed in them is kept on the page but not sent (the server refuses an
// address with No fixed abode). Without JavaScript the fields stay and the server says so.
const box = document.getElementById('no_fixed_abode');
const fields = document.getElementById('address-fields');

if (box && fields) {
	box.setAttribute('aria-controls', 'address-fields');
	const show = () => {
		fields.hidden = box.checked;
		for (const input of fields.querySelectorAll('input')) input.disabled = box.checked;
	};
	box.addEventListener('change', show);
	show();
}
