<?cs #
  A bar chart of a count per day, as SVG: the dashboard's charts of the last 30 days.
  Data contract: call:bar_chart(chart, title_id) where chart is a node with
    chart.Max           the top of the scale: the largest count, at least 1
    chart.Days.N.Count  the count of day N (N = 0, 1, ..., oldest first; room for 30 days)
    chart.Days.N.Date   the day as people read it ("7 Dec"); shown under today's bar and
                        under every seventh day before it
  and title_id is the id of the heading that names the chart (aria-labelledby).
  Drawing: 680 x 160, the 40 beyond the axis's end room for today's label (which starts under
  the last bar, at x 613: in 640 it was clipped); the axis at y 136 from x 32; a day every 20 (an 18 wide bar, 2 apart);
  a bar is count * 120 / Max high (integer division, as the numbers are whole); no bar for 0.
  Only numbers and the day labels (escaped by var:) go into it; no inline styles (CSP).
?><?cs
def:bar_chart(chart, title_id) ?><svg class="app-chart" viewBox="0 0 680 160" width="100%" role="img" aria-labelledby="<?cs var:title_id ?>" xmlns="http://www.w3.org/2000/svg" focusable="false"><line x1="32" y1="136" x2="640" y2="136" stroke="#0b0c0c" stroke-width="1"/><text x="28" y="26" font-size="12" text-anchor="end" fill="#0b0c0c"><?cs var:chart.Max ?></text><text x="28" y="136" font-size="12" text-anchor="end" fill="#0b0c0c">0</text><?cs
  each:day = chart.Days ?><?cs
    if:day.Count > 0 ?><rect class="app-chart__bar" x="<?cs var:33 + 20 * name(day) ?>" y="<?cs var:136 - day.Count * 120 / chart.Max ?>" width="18" height="<?cs var:day.Count * 120 / chart.Max ?>" fill="#1d70b8" data-count="<?cs var:day.Count ?>"/><?cs
    /if ?><?cs
    if:(subcount(chart.Days) - 1 - name(day)) % 7 == 0 ?><text x="<?cs var:33 + 20 * name(day) ?>" y="152" font-size="11" fill="#505a5f"><?cs var:day.Date ?></text><?cs
    /if ?><?cs
  /each ?></svg><?cs
/def ?>
