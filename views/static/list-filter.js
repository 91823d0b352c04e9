// The lists' filter panel (components/filter_list.cs) is open when the page arrives, so the
// filters work without JavaScript. On a phone it would push the list a screen down: there,
// when no filter needs correcting, this folds it; "Show filters" opens it again.
const narrow = window.matchMedia('(max-width: 40.0525em)')
for (const panel of document.querySelectorAll('details.app-filter[open]')) {
	if (narrow.matches && !panel.querySelector('.govuk-form-group--error')) panel.open = false
}
