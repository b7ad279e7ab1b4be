from django.contrib.auth import get_user_model

from woonafspraken.accounts import access
from woonafspraken.agreements import services


def _lead_with_leader(maastricht, coordinator):
    theme = maastricht.themes.filter(lead_organisation__isnull=False).order_by("pk").first()
    leader = next(
        u
        for u in get_user_model().objects.order_by("pk")
        if access.has_membership(u, theme.lead_organisation_id)
    )
    leader.first_name, leader.last_name = "Petra", "Projectleider"
    leader.save()
    services.update_theme(
        coordinator,
        theme,
        name=theme.name,
        lead_organisation=theme.lead_organisation,
        project_leader=leader,
        description=theme.description,
    )
    return theme, leader


def test_the_themes_list_names_the_project_leader_as_a_reader_knows_them(client, maastricht, user):
    coordinator = user("gemeente-maastricht")
    _theme, leader = _lead_with_leader(maastricht, coordinator)
    client.force_login(coordinator)
    page = client.get("/themas/").content.decode()
    assert "Petra Projectleider" in page
    assert f">{leader.username}<" not in page  # never the login name


def test_the_theme_page_names_the_project_leader_only_to_people_logged_in(client, maastricht, user):
    coordinator = user("gemeente-maastricht")
    theme, _leader = _lead_with_leader(maastricht, coordinator)
    anonymous = client.get(f"/themas/{theme.pk}/").content.decode()
    assert theme.lead_organisation.name in anonymous and "Petra Projectleider" not in anonymous
    client.force_login(coordinator)
    assert "Petra Projectleider" in client.get(f"/themas/{theme.pk}/").content.decode()
