"""The editorial desk under /desk/: dashboard, lists, the claim workspace, logging quotes."""

from django.contrib.auth import views as auth_views
from django.urls import path

from claims.desk.views import claim, intake, lists

app_name = "desk"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="desk/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", lists.dashboard, name="dashboard"),
    path("claims/", lists.claims, name="claims"),
    path("claims/<int:pk>/", claim.workspace, name="claim"),
    path("claims/<int:pk>/edit/", claim.edit, name="claim_edit"),
    path("claims/<int:pk>/transition/", claim.transition, name="claim_transition"),
    path("claims/<int:pk>/quotes/", claim.appearance_add, name="appearance_add"),
    path(
        "claims/<int:pk>/quotes/<int:appearance_pk>/remove/",
        claim.appearance_remove,
        name="appearance_remove",
    ),
    path("claims/<int:pk>/sources/", claim.citation_add, name="citation_add"),
    path("claims/<int:pk>/sources/<int:citation_pk>/remove/", claim.citation_remove, name="citation_remove"),
    path("claims/<int:pk>/links/", claim.relation_add, name="relation_add"),
    path("claims/<int:pk>/links/<int:relation_pk>/remove/", claim.relation_remove, name="relation_remove"),
    path("claims/<int:pk>/comments/", claim.comment_add, name="comment_add"),
    path("claims/<int:pk>/votes/", claim.vote, name="vote"),
    path("claims/<int:pk>/assign/", claim.assign, name="assign"),
    path("claims/<int:pk>/history/", claim.versions, name="history"),
    path("quotes/", lists.quotes, name="quotes"),
    path("quotes/new/", intake.quote_log, name="quote_log"),
    path("quotes/similar/", intake.similar_quotes, name="similar"),
    path("speakers/suggest/", intake.speaker_suggestions, name="speaker_suggestions"),
    path("article/", intake.article, name="article"),
    path("sources/", lists.sources, name="sources"),
    path("sources/<int:pk>/article/", intake.source_article, name="source_article"),
]
