"""The public site's addresses (DESIGN.md's public contract): `/`, `/fact-checks/<slug>/`,
`/speakers/<slug>/`, `/competing/<slug>/`, `/search/?q=`, and the feeds under `/feeds/`."""

from django.urls import path
from django.views.generic import RedirectView

from claims.public import feeds, views

app_name = "public"

# Slugs may be in any script ("владимир-путин"), so they are matched as any text without a slash.
urlpatterns = [
    path("", views.home, name="home"),
    # The list of fact-checks is the home page; a reader trimming the URL lands there.
    path("fact-checks/", RedirectView.as_view(pattern_name="public:home", permanent=True)),
    path("speakers/", RedirectView.as_view(pattern_name="public:home", permanent=True)),
    path("fact-checks/<str:slug>/", views.fact_check, name="fact_check"),
    path("speakers/<str:slug>/", views.speaker, name="speaker"),
    path("competing/<str:slug>/", views.competing, name="competing"),
    path("search/", views.search, name="search"),
    path("feeds/fact-checks.atom", feeds.atom_feed, name="feed_atom"),
    path("feeds/claimreview.json", feeds.claimreview_feed, name="feed_claimreview"),
    path(
        "feeds/speakers/<str:slug>/claimreview.json", feeds.claimreview_feed, name="feed_speaker_claimreview"
    ),
]
