<?cs # One list (titles, genders or pronouns): its values in order, with rename, reorder and
     retire/restore, and the add form. List.{Name,Title,Singular};
     Values.N.{Id,Name,Retired,Fixed}; Success after a change; Form.name on errors. ?>
<?cs call:back_link(App.Base + "/admin/lists") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l"><?cs var:List.Title ?></h1>
    <p class="govuk-body">Staff see the active values in this order. Retired ones are no longer offered, but clients who have them keep them.</p>
    <table class="govuk-table app-list" id="values">
      <caption class="govuk-table__caption govuk-table__caption--m"><?cs var:List.Title ?>, in the order staff see them</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Value</th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Actions</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:value = Values ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Value"><?cs var:value.Name ?><?cs
            if:value.Fixed ?><br><span class="govuk-hint govuk-!-margin-0">Whether it is offered is a setting</span><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Status"><?cs
            if:value.Retired ?><?cs call:tag("Retired", "grey") ?><?cs else ?><?cs call:tag("Active", "green") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Actions"><?cs
            if:!value.Fixed ?>
            <a class="govuk-link" href="<?cs var:App.Base ?>/admin/lists/<?cs var:List.Name ?>/<?cs var:value.Id ?>">Rename<span class="govuk-visually-hidden"> <?cs var:value.Name ?></span></a><?cs
            /if ?><?cs
            if:!value.Retired ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/lists/<?cs var:List.Name ?>/<?cs var:value.Id ?>/move" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" name="direction" value="up" class="app-link-button">Move up<span class="govuk-visually-hidden"> <?cs var:value.Name ?></span></button>
              <button type="submit" name="direction" value="down" class="app-link-button">Move down<span class="govuk-visually-hidden"> <?cs var:value.Name ?></span></button>
            </form><?cs
              if:!value.Fixed ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/lists/<?cs var:List.Name ?>/<?cs var:value.Id ?>/retire" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Retire<span class="govuk-visually-hidden"> <?cs var:value.Name ?></span></button>
            </form><?cs
              /if ?><?cs
            else ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/lists/<?cs var:List.Name ?>/<?cs var:value.Id ?>/restore" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Restore<span class="govuk-visually-hidden"> <?cs var:value.Name ?></span></button>
            </form><?cs
            /if ?>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table>

    <h2 class="govuk-heading-m">Add <?cs if:List.Name == "pronoun" ?>pronouns<?cs else ?>a <?cs var:List.Singular ?><?cs /if ?></h2>
    <form method="post" action="<?cs var:App.Base ?>/admin/lists/<?cs var:List.Name ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      if:List.Name == "title" ?><?cs call:text_input("name", "Title", "For example, ‘Prof’", "off", "govuk-input--width-20") ?><?cs
      elif:List.Name == "gender" ?><?cs call:text_input("name", "Gender", "For example, ‘Agender’", "off", "govuk-input--width-20") ?><?cs
      else ?><?cs call:text_input("name", "Pronouns", "For example, ‘ze/zir’", "off", "govuk-input--width-20") ?><?cs
      /if ?><?cs
      call:button("Add to the list", "") ?>
    </form>
  </div>
</div>
