<?cs # One issue: its details and status (deactivate/reactivate), and its questionnaire with
     edit, reorder, retire and restore. Issue.{Id,Name,Description,Active,Live,Retired,
     Organisations}; Questions.N.{Id,Number,Text,Hint,Kind,Required,Retired,First,Last,
     Options.M}; Success after a change. ?>
<?cs call:back_link(App.Base + "/admin/issues") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <span class="govuk-caption-l">Issue</span>
    <h1 class="govuk-heading-l app-wrap"><?cs var:Issue.Name ?></h1>
  </div>
</div>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <dl class="govuk-summary-list"><?cs
      call:summary_row_action("Name", Issue.Name, App.Base + "/admin/issues/" + Issue.Id + "/edit", "Change") ?><?cs
      if:Issue.Description ?><?cs
        call:summary_row_action("Description", Issue.Description, App.Base + "/admin/issues/" + Issue.Id + "/edit", "Change") ?><?cs
      else ?><?cs
        call:summary_row_action("Description", "None", App.Base + "/admin/issues/" + Issue.Id + "/edit", "Change") ?><?cs
      /if ?>
      <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
        <dt class="govuk-summary-list__key">Status</dt>
        <dd class="govuk-summary-list__value"><?cs
          if:Issue.Active ?><?cs call:tag("Active", "green") ?> Offered to referrers<?cs
          else ?><?cs call:tag("Deactivated", "grey") ?> Not offered for new referrals<?cs /if ?></dd>
      </div><?cs
      call:summary_row_no_action("Organisations handling it", Issue.Organisations) ?>
    </dl>
    <form method="post" action="<?cs var:App.Base ?>/admin/issues/<?cs var:Issue.Id ?>/<?cs if:Issue.Active ?>deactivate<?cs else ?>reactivate<?cs /if ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      if:Issue.Active ?>
      <p class="govuk-body">Deactivating the issue stops it being offered for new referrals. Referrals already made for it keep it, with their answers.</p><?cs
        call:button("Deactivate issue", "govuk-button--warning") ?><?cs
      else ?>
      <p class="govuk-body">Reactivating the issue offers it to referrers again, last in the list.</p><?cs
        call:button("Reactivate issue", "govuk-button--secondary") ?><?cs
      /if ?>
    </form>
  </div>
</div>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full">
    <h2 class="govuk-heading-m">Questionnaire</h2>
    <p class="govuk-body">Referrers answer these questions, in this order, when they refer someone for this issue. Changing a question applies to new referrals only: answers already given keep the question and options they answered. A retired question is no longer asked.</p><?cs
    if:subcount(Questions) > 0 ?>
    <table class="govuk-table app-list" id="questions">
      <caption class="govuk-table__caption govuk-table__caption--s">Questions, in the order referrers see them</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Question</th>
          <th scope="col" class="govuk-table__header">Answer</th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Actions</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:q = Questions ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Question"><?cs var:q.Text ?><?cs
            if:q.Hint ?><br><span class="govuk-hint govuk-!-margin-0 govuk-!-font-size-16">Hint: <?cs var:q.Hint ?></span><?cs /if ?><?cs
            if:subcount(q.Options) > 0 ?>
            <ul class="govuk-list govuk-list--bullet govuk-!-font-size-16 govuk-!-margin-top-1 govuk-!-margin-bottom-0"><?cs
              each:option = q.Options ?><li><?cs var:option ?></li><?cs /each ?></ul><?cs
            /if ?>
          </td>
          <td class="govuk-table__cell" data-label="Answer"><?cs var:q.Kind ?><br><span class="govuk-!-font-size-16"><?cs if:q.Required ?>Required<?cs else ?>Optional<?cs /if ?></span></td>
          <td class="govuk-table__cell" data-label="Status"><?cs
            if:q.Retired ?><?cs call:tag("Retired", "grey") ?><?cs else ?><?cs call:tag("Asked", "green") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Actions">
            <a class="govuk-link" href="<?cs var:App.Base ?>/admin/issues/<?cs var:Issue.Id ?>/questions/<?cs var:q.Id ?>">Change<span class="govuk-visually-hidden"> question: <?cs var:q.Text ?></span></a><?cs
            if:!q.Retired ?><?cs
              if:!q.First || !q.Last ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/issues/<?cs var:Issue.Id ?>/questions/<?cs var:q.Id ?>/move" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
              if:!q.First ?>
              <button type="submit" name="direction" value="up" class="app-link-button">Move up<span class="govuk-visually-hidden"> question: <?cs var:q.Text ?></span></button><?cs
              /if ?><?cs
              if:!q.Last ?>
              <button type="submit" name="direction" value="down" class="app-link-button">Move down<span class="govuk-visually-hidden"> question: <?cs var:q.Text ?></span></button><?cs
              /if ?>
            </form><?cs
              /if ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/issues/<?cs var:Issue.Id ?>/questions/<?cs var:q.Id ?>/retire" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Retire<span class="govuk-visually-hidden"> question: <?cs var:q.Text ?></span></button>
            </form><?cs
            else ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/issues/<?cs var:Issue.Id ?>/questions/<?cs var:q.Id ?>/restore" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Restore<span class="govuk-visually-hidden"> question: <?cs var:q.Text ?></span></button>
            </form><?cs
            /if ?>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    else ?>
    <p class="govuk-body">This issue has no questions yet: referrers choose it without answering anything more.</p><?cs
    /if ?><?cs
    call:button_link("Add a question", App.Base + "/admin/issues/" + Issue.Id + "/questions/new", "govuk-button--secondary") ?>
  </div>
</div>
