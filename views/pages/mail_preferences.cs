<?cs # E-mail preferences. Prefs.N.{Kind,Label,Mode ("inbox", "immediate", "digest")};
     Mail.{Email (from the directory, read-only), DigestHour}; Hours.N ("08:00"); Notice.Done. ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Notice.Done ?><?cs call:notification_banner("prefs-done-title", "", Notice.Done, "success") ?><?cs /if ?><?cs
    call:error_summary() ?>
    <h1 class="govuk-heading-l">E-mail notifications</h1>
    <dl class="govuk-summary-list" id="mail-address">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">E-mail address</dt>
        <dd class="govuk-summary-list__value"><?cs if:Mail.Email ?><?cs var:Mail.Email ?><?cs
          else ?>None: the directory has no e-mail address for you, so messages stay in the inbox<?cs /if ?></dd>
      </div>
    </dl>
    <p class="govuk-body">The address comes from the directory; ask your administrator to change it.
      Every message also stays in your inbox.</p>
    <form method="post" action="<?cs var:App.Base ?>/preferences" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      each:p = Prefs ?>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s"><?cs var:p.Label ?></legend>
          <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="mode_<?cs var:p.Kind ?>" name="mode_<?cs var:p.Kind ?>" type="radio" value="inbox"<?cs if:p.Mode == "inbox" ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-radios__label" for="mode_<?cs var:p.Kind ?>">Inbox only</label>
            </div>
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="mode_<?cs var:p.Kind ?>-immediate" name="mode_<?cs var:p.Kind ?>" type="radio" value="immediate"<?cs if:p.Mode == "immediate" ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-radios__label" for="mode_<?cs var:p.Kind ?>-immediate">E-mail at once</label>
            </div>
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="mode_<?cs var:p.Kind ?>-digest" name="mode_<?cs var:p.Kind ?>" type="radio" value="digest"<?cs if:p.Mode == "digest" ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-radios__label" for="mode_<?cs var:p.Kind ?>-digest">Daily digest</label>
            </div>
          </div>
        </fieldset>
      </div><?cs
      /each ?>
      <div class="govuk-form-group<?cs call:field_error("digest_hour") ?><?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
        <label class="govuk-label" for="digest_hour">Send the daily digest at</label><?cs
        if:View.Error ?><p id="digest_hour-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:View.Error ?></p><?cs /if ?>
        <select class="govuk-select" id="digest_hour" name="digest_hour"><?cs
          each:h = Hours ?>
          <option value="<?cs name:h ?>"<?cs if:name(h) == Mail.DigestHour ?> selected<?cs /if ?>><?cs var:h ?></option><?cs
          /each ?>
        </select>
      </div><?cs
      call:button("Save choices", "") ?>
    </form>
  </div>
</div>
