"""The reviewers' report opens in Chromium and prints (issue #5); its first page is kept."""
from governance.report import write_report


def test_content_report_opens_and_prints(page, artifacts):
    html, _ = write_report(out=artifacts)
    page.goto(html.as_uri())
    assert page.title() == "Balise — tout ce que le bot peut dire"
    assert page.locator("article").count() > 100
    page.set_viewport_size({"width": 900, "height": 1270})
    page.screenshot(path=str(artifacts / "content-report-first-page.png"))
    pdf = page.pdf(format="A4")  # prints without error; the print stylesheet keeps texts whole
    assert pdf.startswith(b"%PDF")
