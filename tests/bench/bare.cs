<?cs #
  The benchmark's bare page (tests/bench/bare.c): a small page around one looked-up value,
  escaped as the program's pages are (Config.VarEscapeMode = html).
  Data: App.Name, Page.Title, Page.Path, Org.Id, Org.Name.
?><!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title><?cs var:Page.Title ?> – <?cs var:App.Name ?></title>
</head>
<body>
  <main id="main-content">
    <h1><?cs var:Org.Name ?></h1>
    <dl>
      <dt>Organisation</dt><dd><?cs var:Org.Id ?></dd>
      <dt>Page</dt><dd><?cs var:Page.Path ?></dd>
    </dl><?cs
    if:Org.Name ?>
    <p>Found in one prepared point SELECT by primary key.</p><?cs
    /if ?>
  </main>
</body>
</html>
