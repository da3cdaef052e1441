"""The claims app's router, mounted under /api/v1/ by factcheck/api/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api.quotes import QuoteViewSet
from claims.api.search import SearchView, SimilarView, SpeakerMatchView
from claims.api.views import ClaimViewSet, RatingScaleViewSet, RatingViewSet, SpeakerViewSet

router = SimpleRouter()
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("claims", ClaimViewSet, basename="claim")
router.register("ratings", RatingViewSet, basename="rating")
router.register("rating-scales", RatingScaleViewSet, basename="ratingscale")
# Before the router's, whose detail routes would read "similar" and "match" as ids.
urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("claims/similar/", SimilarView.as_view(), name="claim-similar"),
    path("speakers/match/", SpeakerMatchView.as_view(), name="speaker-match"),
    *router.urls,
]
