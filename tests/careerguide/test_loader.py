from careerguide.content import load_pages
from careerguide.models import Page
from careerguide.shared.loader import Outcome
from salaries.models import Source
from salaries.seed import load_salary_data


def test_loading_twice_changes_nothing(guide):
    before = {p.slug: (p.title, p.body, p.updated_at) for p in Page.objects.all()}
    assert set(load_pages()) == {Outcome.UNCHANGED}
    assert set(load_salary_data()) == {Outcome.UNCHANGED}
    after = {p.slug: (p.title, p.body, p.updated_at) for p in Page.objects.all()}
    assert before == after


def test_loader_keeps_an_editors_change_to_a_page(guide):
    page = Page.objects.get(slug="what-they-do")
    page.title = "What the job involves"
    page.save()
    outcomes = load_pages()
    assert outcomes[Outcome.KEPT] == 1
    page.refresh_from_db()
    assert page.title == "What the job involves"


def test_loader_does_not_bring_back_a_page_an_editor_deleted(guide):
    Page.objects.filter(slug="right-career").delete()
    load_pages()
    assert not Page.objects.filter(slug="right-career").exists()


def test_loader_keeps_an_editors_change_to_a_figure(guide):
    Source.objects.filter(slug="guide-national").update(typical=47000)
    load_salary_data()
    assert Source.objects.get(slug="guide-national").typical == 47000


def test_loader_updates_rows_nobody_edited_when_the_seed_changes(guide, tmp_path):
    (tmp_path / "page.md").write_text(
        "title: New title\nslug: what-they-do\nsummary: s\nposition: 1\n"
        "last_reviewed: 2026-11-25\n\n## Body\n\nChanged text.\n"
    )
    # Unedited: the loader's own text may be replaced by a newer version.
    assert load_pages(tmp_path)[Outcome.UPDATED] == 1
    assert Page.objects.get(slug="what-they-do").title == "New title"


def test_first_run_command_loads_everything(db, capsys):
    from django.core.management import call_command

    call_command("load_guide")
    assert Page.objects.published().count() >= 9
    assert Source.objects.filter(slug="bls-oews-2022").exists()
    call_command("load_guide")
    assert "unchanged" in capsys.readouterr().out
