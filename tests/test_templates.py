"""Users' own templates, the parts every format shares: text and e-mail templates, the sandbox,
audiences, `template check`, the commands, `kapdocs.toml` and `theme check`."""

from __future__ import annotations

import email
import email.policy
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kapdocs.cli import main
from kapdocs.errors import UsageError
from kapdocs.templating import TemplateError, prepare, render_bytes, render_templates
from kapdocs.templating.check import check_template
from kapdocs.templating.safety import UnsafePackage, check_package
from kapdocs.templating.starters import text_starters
from kapdocs.view import build_view

from conftest import RICH_SAMPLE, TODAY


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def render_text(path: Path, plan, audience: str = "customer", meeting: str | None = None) -> str:
    prepare(path)
    return render_bytes(path, build_view(plan, audience, TODAY, meeting)).decode("utf-8")


# -- text templates -------------------------------------------------------------------------------

def test_text_template_loops_filters_and_literal_plan_text(tmp_path, rich_plan):
    path = write(tmp_path, "summary.md", "# {{ plan.account.name }}\n"
                 "{% for s in plan.sites %}- {{ s.name }}: {{ s.volume_target | number }} {{ volume_unit }}\n{% endfor %}"
                 "As of {{ as_of | date('long') }}; delivered {{ figures.initiatives.total | money }}.\n")
    text = render_text(path, rich_plan)
    assert text.startswith("# Northwind Foods plc\n")
    assert "- Leeds bakery: 4,800 tonnes" in text
    assert "As of Wednesday 25 November 2026; delivered £580,000." in text
    # plan text is data, never a template: {{ 7*7 }} in a field prints as typed
    hostile = rich_plan.model_copy(update={"account": rich_plan.account.model_copy(
        update={"name": "{{ 7*7 }} {% for x in range(3) %}x{% endfor %}"})})
    assert render_text(path, hostile).startswith("# {{ 7*7 }} {% for x in range(3) %}x{% endfor %}\n")


def test_html_is_escaped_and_markdown_becomes_html(tmp_path, rich_plan):
    hostile = rich_plan.model_copy(update={"account": rich_plan.account.model_copy(
        update={"name": "<script>alert(1)</script> & Co"})})
    path = write(tmp_path, "page.html", "<h1>{{ plan.account.name }}</h1>{{ plan.plan.summary | markdown }}")
    html = render_text(path, hostile, "internal")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</h1>" in html
    assert "<strong>" in html or "<p>" in html


def test_unknown_names_are_located_with_suggestions(tmp_path, rich_plan):
    path = write(tmp_path, "bad.md", "---\naudience: customer\n---\nHello\n"
                 "{% for c in plan.contacts %}{{ c.nmae }}{% endfor %}\n")
    with pytest.raises(TemplateError) as caught:
        render_text(path, rich_plan)
    message = str(caught.value)
    # the file, the line in the file (front matter counted), the words, and the nearest field
    assert message.startswith('bad.md: line 5 "{% for c in plan.contacts %}{{ c.nmae }}')
    assert "did you mean 'name'?" in message


def test_the_customer_cannot_reach_an_internal_field(tmp_path, rich_plan):
    path = write(tmp_path, "dmu.md", "---\naudience: customer\n---\n"
                 "{% for c in plan.contacts %}{{ c.name }}: {{ c.attitude }}\n{% endfor %}")
    with pytest.raises(TemplateError, match=r"dmu.md: line 4 .*no field 'attitude'"):
        render_text(path, rich_plan, "customer")
    # our own side sees it
    internal = write(tmp_path, "dmu-ours.md", "{% for c in plan.contacts %}{{ c.name }}: {{ c.attitude }}\n{% endfor %}")
    assert ": supporter" in render_text(internal, rich_plan, "internal")


@pytest.mark.parametrize("escape", [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ ''.format.__self__ }}",
    "{% set x = plan.sites.append(1) %}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ range(10**9)|list }}",
])
def test_the_sandbox_refuses_escapes(tmp_path, rich_plan, escape):
    path = write(tmp_path, "evil.txt", "first line\n" + escape + "\n")
    with pytest.raises((TemplateError, UsageError)) as caught:
        render_text(path, rich_plan, "internal")
    assert str(caught.value).startswith("evil.txt: line 2")


def test_an_email_is_built_by_the_email_package(tmp_path, rich_plan):
    text_starters.write(tmp_path)
    raw = render_bytes(tmp_path / "meeting-invitation.eml",
                       build_view(rich_plan, "customer", TODAY, "qbr-2026-q4"))
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "Invitation: Northwind and Meridian annual business review 2026, 10 Dec 2026"
    to = [a.addr_spec for a in message["To"].addresses]
    assert to[0] == "catherine.whitfield@northwind.example" and len(to) == 6
    body = message.get_content()
    assert "Dear Catherine, Graham, Pat, Nicola, James and Hannah," in body
    assert "11:05  Upcoming initiatives (Joanna Smith and James Lawson)" in body


def test_plan_text_cannot_add_an_email_header(tmp_path, rich_plan):
    hostile = rich_plan.model_copy(update={"account": rich_plan.account.model_copy(
        update={"name": "Acme\nBcc: spy@example.com"})})
    path = write(tmp_path, "note.eml", "---\nsubject: \"About {{ plan.account.name }}\"\nto: a@example.com\n---\nHi\n")
    raw = render_bytes(path, build_view(hostile, "customer", TODAY))
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Bcc"] is None and message["Subject"] == "About Acme Bcc: spy@example.com"
    bad = write(tmp_path, "bad.eml", "---\nsubject: Hi\nto: \"{{ plan.account.name }}\"\n---\nHi\n")
    with pytest.raises(TemplateError, match="bad.eml: front matter: to: .*not an e-mail address"):
        render_bytes(bad, build_view(rich_plan, "customer", TODAY))


def test_the_call_report_starter_renders_both_samples(tmp_path, rich_plan, minimal_plan):
    text_starters.write(tmp_path)
    report = render_text(tmp_path / "call-report.md", rich_plan, "internal", "qbr-2026-q4")
    assert "# Call report: Northwind Foods plc" in report
    assert "- Off target: Order lead time (3.6 days against 3.0)." in report
    assert "| Present fixed, indexed and collared dairy pricing options for 2027 to Procurement." in report
    minimal = minimal_plan.meetings[0].id if minimal_plan.meetings else None
    if minimal:
        assert "# Call report: Harbour Logistics Ltd" in render_text(tmp_path / "call-report.md", minimal_plan,
                                                                    "internal", minimal)


# -- audiences ------------------------------------------------------------------------------------

def test_audience_never_widens_what_a_template_declares(tmp_path, rich_plan):
    path = write(tmp_path, "letter.md", "---\naudience: customer\n---\n{{ audience }}\n")
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match="declared for the customer"):
        render_templates([path], rich_plan, out, audience="internal", today=TODAY)
    assert not out.exists() or not any(out.iterdir())
    written = render_templates([path], rich_plan, out, today=TODAY)
    assert [p.name for p in written] == ["northwind-foods-plc-letter.md"]
    assert written[0].read_text() == "customer\n"
    # a template that declares nothing renders for the customer unless asked otherwise
    plain = write(tmp_path, "plain.md", "{{ audience }}")
    assert render_templates([plain], rich_plan, out, today=TODAY)[0].read_text() == "customer"
    bad = write(tmp_path, "odd.md", "---\naudience: everyone\n---\n")
    with pytest.raises(TemplateError, match="audience 'everyone' is not known"):
        prepare(bad)


def test_nothing_is_written_when_one_template_fails(tmp_path, rich_plan):
    good = write(tmp_path, "good.md", "ok")
    bad = write(tmp_path, "bad.md", "{{ nope }}")
    out = tmp_path / "out"
    with pytest.raises(TemplateError):
        render_templates([good, bad], rich_plan, out, today=TODAY)
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_rendering_is_reproducible_and_protects_edited_files(tmp_path, rich_plan):
    path = write(tmp_path, "note.md", "{{ plan.account.name }}\n")
    out = tmp_path / "out"
    first = render_templates([path], rich_plan, out, today=TODAY)[0]
    again = render_templates([path], rich_plan, out, today=TODAY)[0]
    assert first == again and first.read_text() == "Northwind Foods plc\n"
    first.write_text("edited by hand")
    from kapdocs.errors import OutputProtectedError

    with pytest.raises(OutputProtectedError):
        render_templates([path], rich_plan, out, today=TODAY)
    assert first.read_text() == "edited by hand"


# -- safety of template files -----------------------------------------------------------------------

def _docx_bytes(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", parts.pop("content_types", b'<?xml version="1.0"?><Types '
                                                   b'xmlns="http://schemas.openxmlformats.org/package/2006/'
                                                   b'content-types"/>'))
        for name, data in parts.items():
            z.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


@pytest.mark.parametrize("parts, expected", [
    ({"word__document.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'}, "DOCTYPE"),
    ({"word__vbaProject.bin": b"macro"}, "macros"),
    ({"word___rels__document.xml.rels": b'<Relationships><Relationship Id="r1" Type="http://x/attachedTemplate" '
                                        b'Target="file://server/share/t.dotm" TargetMode="External"/>'
                                        b'</Relationships>'}, "external links"),
    ({"word__document.xml": b"<x>" + b" " * (30 * 1024 * 1024) + b"</x>"}, "zip bomb"),
    ({"content_types": b'<Types><Default ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
                       b'</Types>'}, "macro-enabled"),
])
def test_hostile_template_files_are_refused_before_they_are_opened(tmp_path, parts, expected):
    path = tmp_path / "hostile.docx"
    path.write_bytes(_docx_bytes(**parts))
    with pytest.raises(UnsafePackage, match=expected):
        check_package(path)
    with pytest.raises(UnsafePackage):
        prepare(path)


def test_a_web_hyperlink_in_a_template_is_allowed(tmp_path):
    path = tmp_path / "linked.docx"
    path.write_bytes(_docx_bytes(word___rels__document_xml_rels=b"", **{
        "word___rels__document.xml.rels": b'<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.'
                                          b'org/officeDocument/2006/relationships/hyperlink" Target="https://'
                                          b'example.com" TargetMode="External"/></Relationships>'}))
    check_package(path)


# -- template check ------------------------------------------------------------------------------------

def test_check_finds_unknown_nested_paths_through_loop_variables(tmp_path):
    path = write(tmp_path, "t.md", "---\naudience: customer\n---\n"
                 "{% for c in plan.contacts %}{{ c.nmae }} {{ c.attitude }}{% endfor %}\n"
                 "{% set o = plan.objectives.smart | first %}{{ o.txt }}{{ meeting.agenda[0].titel }}\n"
                 "{% if plan.supplier is defined %}{{ plan.supplier.name }}{% endif %}{{ figures.initiatives.total }}\n")
    who, report = check_template(path)
    found = {(f.where, f.path) for f in report.findings}
    assert who == "customer"
    assert found == {("line 4", "plan.contacts[].nmae"), ("line 4", "plan.contacts[].attitude"),
                     ("line 5", "plan.objectives.smart[].txt"), ("line 5", "meeting.agenda[0].titel")}
    messages = {f.path: f.message for f in report.findings}
    assert "did you mean 'name'?" in messages["plan.contacts[].nmae"]
    assert "for our own side only" in messages["plan.contacts[].attitude"]
    assert {"plan.supplier.name", "figures.initiatives.total", "plan.contacts"} <= report.used


def test_check_command_exit_codes(tmp_path):
    text_starters.write(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(main, ["template", "check", str(tmp_path / "call-report.md"), "--plan", str(RICH_SAMPLE),
                              "--today", "2026-11-25", "-v"])
    assert ok.exit_code == 0, ok.output
    assert "uses meeting.decisions_sought" in ok.output and "ok (internal, rendered)" in ok.output
    bad = write(tmp_path, "bad.md", "{{ plan.acount.name }}\n")
    broken = write(tmp_path, "broken.md", "fine\n{% for x in %}")
    result = runner.invoke(main, ["template", "check", str(bad), str(broken)])
    assert result.exit_code == 2
    assert "bad.md: line 1: unknown field 'plan.acount'" in result.output
    assert "did you mean 'account'?" in result.output
    assert "broken.md: line 2: syntax error" in result.output


def test_render_command_writes_named_files_and_fails_cleanly(tmp_path):
    text_starters.write(tmp_path)
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(tmp_path / "meeting-invitation.eml"), str(tmp_path / "call-report.md"),
                                  str(RICH_SAMPLE), "-o", str(out), "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "northwind-foods-plc-call-report.md", "northwind-foods-plc-meeting-invitation.eml"]
    # the next review, by default: the QBR of 10 December 2026
    assert "10 Dec 2026" in (out / "northwind-foods-plc-meeting-invitation.eml").read_text()
    bad = write(tmp_path, "bad.md", "{{ plan.account.nmae }}")
    result = runner.invoke(main, ["render", str(bad), str(RICH_SAMPLE), "-o", str(tmp_path / "o2")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "bad.md: line 1" in result.output and "did you mean 'name'?" in result.output
    assert runner.invoke(main, ["render", str(RICH_SAMPLE)]).exit_code == 2


# -- kapdocs.toml and themes ----------------------------------------------------------------------------

def test_build_renders_the_templates_a_project_file_names(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "northwind.yaml").write_bytes(RICH_SAMPLE.read_bytes())
    (folder / "t").mkdir()
    text_starters.write(folder / "t")
    (folder / "kapdocs.toml").write_text('templates = ["t/call-report.md"]\ndocuments = ["contacts"]\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "northwind-foods-plc-call-report.md", "northwind-foods-plc-contact-matrix.xlsx"]
    (folder / "kapdocs.toml").write_text('templates = ["../outside.md"]\n')
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--today", "2026-11-25"])
    assert result.exit_code == 2 and "must stay inside" in result.output
    (folder / "kapdocs.toml").write_text('tempaltes = []\n')
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 2 and "did you mean 'templates'?" in result.output


def test_theme_check_reports_each_problem_with_its_file(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["theme", "init", str(tmp_path / "brand")]).exit_code == 0
    ok = runner.invoke(main, ["theme", "check", str(tmp_path / "brand")])
    assert ok.exit_code == 0, ok.output
    (tmp_path / "brand" / "theme.yaml").write_text("colours:\n  primry: '123456'\nconfidentiality:\n"
                                                   "  customer: 'For {client}'\n")
    (tmp_path / "brand" / "reference.pptx").write_bytes(_docx_bytes(**{"ppt__vbaProject.bin": b"x"}))
    bad = runner.invoke(main, ["theme", "check", str(tmp_path / "brand")])
    assert bad.exit_code == 2
    assert "theme.yaml: colours.primry: unknown key" in bad.output
    assert "theme.yaml: confidentiality.customer:" in bad.output
    assert "reference.pptx: reference document refused: it holds macros" in bad.output


def test_theme_company_and_confidentiality_wording_reach_the_documents(tmp_path, minimal_plan):
    import docx

    from kapdocs import api
    from kapdocs.render import Options

    brand = tmp_path / "brand"
    CliRunner().invoke(main, ["theme", "init", str(brand)])
    with (brand / "theme.yaml").open("a") as f:
        f.write("company: Harbourside Consulting LLP\nconfidentiality:\n  internal: Strictly private\n"
                "  customer: 'Shared with {customer}'\n")
    written = api.render(minimal_plan, ["plan"], tmp_path / "out", Options(today=TODAY, theme=brand))
    header = " ".join(p.text for s in docx.Document(str(written[0])).sections for p in s.header.paragraphs)
    assert "Harbourside Consulting LLP · Harbour Logistics Ltd" in header and "Strictly private" in header
    customer = api.render(minimal_plan, ["plan"], tmp_path / "out2", Options(today=TODAY, theme=brand,
                                                                             edition="customer"))
    header = " ".join(p.text for s in docx.Document(str(customer[0])).sections for p in s.header.paragraphs)
    assert "Shared with Harbour Logistics Ltd" in header


def test_the_readme_lists_the_fields_a_template_can_use():
    from kapdocs.templating.shape import fields_reference

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- view-fields:start -->\n")[1].split("<!-- view-fields:end -->")[0]
    # refresh with `python tools/plan_reference.py --write`
    assert block == fields_reference()
    assert "| `figures.pipeline` |" in block and "`coverage`*" in block
