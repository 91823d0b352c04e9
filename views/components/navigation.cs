<?cs #
  Navigation macros in the GOV.UK Design System patterns: back link and
  pagination. Every href is a full path: pass App.Base + "/...".
?>

<?cs def:back_link(href) ?>
<a href="<?cs var:href ?>" class="govuk-back-link">Back</a><?cs
/def ?>

<?cs # The previous/next link of pagination (used below). kind: "prev" or "next". ?>
<?cs def:pagination_link(kind, href, block) ?>
  <div class="govuk-pagination__<?cs var:kind ?>">
    <a class="govuk-link govuk-pagination__link" href="<?cs var:href ?>" rel="<?cs var:kind ?>"><?cs
      if:kind == "prev" ?>
      <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg><?cs
      elif:block ?>
      <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg><?cs
      /if ?>
      <span class="govuk-pagination__link-title<?cs if:block ?> govuk-pagination__link-title--decorated<?cs /if ?>"><?cs
        if:kind == "prev" ?>Previous<?cs else ?>Next<?cs /if ?><span class="govuk-visually-hidden"> page</span></span><?cs
      if:kind == "next" && !block ?>
      <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg><?cs
      /if ?>
    </a>
  </div><?cs
/def ?>

<?cs #
  Previous/next pagination (for keyset paging): prev_href or next_href ""
  leaves that link out.
?>
<?cs def:pagination(prev_href, next_href) ?><?cs if:prev_href || next_href ?>
<nav class="govuk-pagination govuk-pagination--block" aria-label="Pagination"><?cs
  if:prev_href ?><?cs call:pagination_link("prev", prev_href, 1) ?><?cs /if ?><?cs
  if:next_href ?><?cs call:pagination_link("next", next_href, 1) ?><?cs /if ?>
</nav><?cs /if ?><?cs
/def ?>

<?cs #
  Numbered pagination. pages: a node whose children have .Number, .Href and
  .Current (1 for this page), or .Ellipsis = 1 for a gap.
?>
<?cs def:pagination_pages(prev_href, next_href, pages) ?>
<nav class="govuk-pagination" aria-label="Pagination"><?cs
  if:prev_href ?><?cs call:pagination_link("prev", prev_href, 0) ?><?cs /if ?>
  <ul class="govuk-pagination__list"><?cs
  each:p = pages ?><?cs
    if:p.Ellipsis ?>
    <li class="govuk-pagination__item govuk-pagination__item--ellipsis">&ctdot;</li><?cs
    else ?>
    <li class="govuk-pagination__item<?cs if:p.Current ?> govuk-pagination__item--current<?cs /if ?>">
      <a class="govuk-link govuk-pagination__link" href="<?cs var:p.Href ?>" aria-label="Page <?cs var:p.Number ?>"<?cs if:p.Current ?> aria-current="page"<?cs /if ?>><?cs var:p.Number ?></a>
    </li><?cs
    /if ?><?cs
  /each ?>
  </ul><?cs
  if:next_href ?><?cs call:pagination_link("next", next_href, 0) ?><?cs /if ?>
</nav><?cs
/def ?>
