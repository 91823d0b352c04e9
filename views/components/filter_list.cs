<?cs #
  The MOJ Design System's "filter a list" for the lists (Sent, Received, Clients and the
  administration's lists), made to work without JavaScript:
  - filter_panel_start / filter_panel_end: the filter form folds into a <details> panel whose
    summary is the "Show filters" / "Hide filters" button; open unless Filter.Closed (set by
    the page), so the filters are there at once with or without JavaScript (on a phone
    list-filter.js folds it, when no filter needs correcting);
  - filter_tags: the chosen filters (FilterTags.N.{Label,Text,Href}, fcgi/pages/filter_tags.c)
    as removable tags above the table, each a link to the list without it, and FilterClear.
  The table beneath takes the full width; at phone width its rows stack as cards (app.scss
  .app-list), each cell labelled by its data-label.
?>
<?cs def:filter_panel_start(id) ?>
<details class="app-filter" id="<?cs var:id ?>"<?cs if:!Filter.Closed ?> open<?cs /if ?>>
  <summary class="app-filter__toggle govuk-button govuk-button--secondary" data-filter-toggle><span class="app-filter__show">Show filters</span><span class="app-filter__hide">Hide filters</span></summary>
  <div class="app-filter__panel"><?cs
/def ?>

<?cs def:filter_panel_end() ?>
  </div>
</details>
<script type="module" src="<?cs var:App.Static ?>/list-filter.js?v=<?cs var:App.AssetVersion ?>"></script><?cs
/def ?>

<?cs def:filter_tags() ?><?cs
if:subcount(FilterTags) > 0 ?>
<div class="app-filter-tags" id="filter-tags">
  <h2 class="govuk-heading-s app-filter-tags__heading">Selected filters</h2>
  <ul class="app-filter-tags__list"><?cs
  each:t = FilterTags ?>
    <li><a class="app-filter-tag" href="<?cs var:t.Href ?>"><span class="govuk-visually-hidden">Remove this filter: </span><?cs if:t.Label ?><?cs var:t.Label ?>: <?cs /if ?><?cs var:t.Text ?></a></li><?cs
  /each ?>
  </ul>
  <p class="govuk-body app-filter-tags__clear"><a class="govuk-link" href="<?cs var:FilterClear ?>">Clear filters</a></p>
</div><?cs
/if ?><?cs
/def ?>
