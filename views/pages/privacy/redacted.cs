<?cs # The notice of a client whose details were removed (issue 15): Redacted.{On,Kind}. ?><?cs
if:Redacted.On ?>
    <div class="govuk-inset-text" id="redacted"><?cs
      if:Redacted.Kind == "erasure" ?>Client details were erased on request on <?cs var:Redacted.On ?>.<?cs
      else ?>Client details were removed under the retention policy on <?cs var:Redacted.On ?>.<?cs
      /if ?></div><?cs
/if ?>
