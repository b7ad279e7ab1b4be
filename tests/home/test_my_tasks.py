"""After logging in, the home page says what this person must do, one click from doing it."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from woonafspraken.agreements.models import Cycle
from woonafspraken.governance import services as governance
from woonafspraken.governance.models import Body
from woonafspraken.process import reminders
from woonafspraken.process.models import DisputePoint, Milestone


def test_a_corporation_sees_its_figures_approval_and_reminder(client, full_demo, user):
    client.force_login(user("woonpunt"))
    html = client.get("/").content.decode()
    evaluation_cycle = Cycle.objects.get(title="Prestatieafspraken 2017")
    assert "Mijn taken" in html
    assert "realisaties van Woonpunt over 2021 invullen" in html
    assert f'href="/cycli/{evaluation_cycle.pk}/mijn-invoer/?year=2021"' in html
    assert "Goedkeuring van Woonpunt vastleggen" in html
    assert f'href="/cycli/{full_demo.pk}/proces/#goedkeuren"' in html
    assert "Raad van Bestuur" in html


def test_the_reminder_on_the_page_is_the_sentence_the_mail_sends(client, full_demo, user):
    client.force_login(user("woonbelang"))
    deadline = min(
        m.deadline
        for m in full_demo.milestones.filter(
            kind__in=[Milestone.Kind.DECISION, Milestone.Kind.SIGNING]
        )
    )
    kind = reminders.reminder_kind(deadline, timezone.localdate())
    sentence = reminders.reminder_sentence(
        "approval", "Huurdersbelangenvereniging Woonbelang", deadline, kind
    )
    assert sentence in client.get("/").content.decode()


def test_action_items_meetings_and_dispute_points_are_listed(client, full_demo, user):
    admin = user("beheer")
    body = Body.objects.first()
    body.member_people.add(user("woonpunt"))
    meeting = governance.add_meeting(
        admin, body, date=timezone.localdate() + datetime.timedelta(days=7)
    )
    item = governance.add_action_item(
        admin, meeting, description="Huurprijzen nalopen", owner_person=user("woonpunt")
    )
    point = DisputePoint.objects.create(cycle=full_demo, subject="Aantal sociale huurwoningen")
    client.force_login(user("woonpunt"))
    html = client.get("/").content.decode()
    assert f'href="/vergaderingen/{meeting.pk}/#action-item-{item.pk}">Huurprijzen nalopen' in html
    assert f'href="/vergaderingen/{meeting.pk}/">{body.name}' in html
    assert "Standpunt geven over: Aantal sociale huurwoningen" in html
    assert f"#punt-{point.pk}" in html


def test_someone_without_tasks_is_told_so(client, full_demo, django_user_model):
    client.force_login(django_user_model.objects.create_user("nieuw"))
    assert "geen openstaande taken" in client.get("/").content.decode()


def test_the_page_costs_the_same_queries_with_more_data(client, full_demo, user):
    client.force_login(user("woonpunt"))
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    admin = user("beheer")
    body = Body.objects.first()
    body.member_people.add(user("woonpunt"))
    for n in range(4):
        meeting = governance.add_meeting(
            admin, body, date=timezone.localdate() + datetime.timedelta(days=n + 1)
        )
        governance.add_action_item(
            admin, meeting, description=f"Actie {n}", owner_person=user("woonpunt")
        )
        DisputePoint.objects.create(cycle=full_demo, subject=f"Punt {n}")
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after) == len(before)


def test_visitors_get_the_public_start_page_with_published_cycles(client, full_demo):
    Cycle.objects.filter(title="Prestatieafspraken 2019").update(published=False)
    html = client.get("/").content.decode()
    assert "Gemeente Maastricht" in html
    assert "Prestatieafspraken 2017" in html
    assert "Prestatieafspraken 2019" not in html
    assert "Mijn taken" not in html


def test_the_main_menu_marks_where_you_are_and_shows_beheer_only_where_allowed(
    client, full_demo, user
):
    client.force_login(user("woonpunt"))
    html = client.get(f"/cycli/{full_demo.pk}/").content.decode()
    assert 'aria-current="true">Cycli</a>' in html
    for label in ("Mijn taken", "Thema&#x27;s", "Overleg", "Documenten", "Berekenen"):
        assert f">{label}</a>" in html
    assert ">Beheer</a>" not in html
    client.force_login(user("beheer"))
    assert ">Beheer</a>" in client.get("/").content.decode()


def test_breadcrumbs_lead_back_to_the_cycle(client, full_demo):
    cycle = Cycle.objects.get(title="Prestatieafspraken 2017")
    theme = cycle.themes.first()
    html = client.get(f"/themas/{theme.pk}/").content.decode()
    assert 'aria-label="Kruimelpad"' in html
    assert f'href="/cycli/{cycle.pk}/">{cycle.title}</a>' in html


def test_the_lists_behind_the_menu_show_what_the_reader_may_see(client, full_demo):
    cycle = Cycle.objects.get(title="Prestatieafspraken 2017")
    assert "Prestatieafspraken 2017" in client.get("/cycli/").content.decode()
    themes = client.get("/themas/").content.decode()
    assert cycle.themes.first().name in themes
    assert "Projectleider" not in themes  # a person's name is not for anonymous visitors
    assert "Prestatieafspraken 2017" in client.get("/documenten/").content.decode()
