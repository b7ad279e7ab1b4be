from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from woonafspraken.accounts import views as account_views
from woonafspraken.accounts.views import accept_invitation
from woonafspraken.api.framework import not_found

urlpatterns = [
    path("", include("woonafspraken.home.urls")),
    path("", include("woonafspraken.agreements.urls")),
    path("", include("woonafspraken.affordability.urls")),
    path("", include("woonafspraken.documents.urls")),
    path("", include("woonafspraken.governance.urls")),
    path("", include("woonafspraken.process.urls")),
    path("", include("woonafspraken.importing.urls")),
    path("", include("woonafspraken.uploadjobs.urls")),
    path("", include("woonafspraken.housing.urls")),
    path("", include("woonafspraken.national.urls")),
    path("api/v1/", include("woonafspraken.api.urls")),
    path("", include("woonafspraken.accounts.urls")),
    path("uitnodiging/<str:key>/", accept_invitation, name="accept_invitation"),
    path("mijn-account/api-tokens/", account_views.tokens, name="tokens"),
    path(
        "mijn-account/api-tokens/<int:pk>/intrekken/",
        account_views.revoke_token,
        name="revoke_token",
    ),
    re_path(r"^api(/.*)?$", not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("woonafspraken.login.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "woonafspraken.operations.errors.server_error"
