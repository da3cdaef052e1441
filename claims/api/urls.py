"""The claims app's router, mounted under /api/v1/ by factcheck/api/urls.py."""

from rest_framework.routers import SimpleRouter

from claims.api.quotes import QuoteViewSet
from claims.api.views import ClaimViewSet, RatingScaleViewSet, RatingViewSet, SpeakerViewSet

router = SimpleRouter()
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("claims", ClaimViewSet, basename="claim")
router.register("ratings", RatingViewSet, basename="rating")
router.register("rating-scales", RatingScaleViewSet, basename="ratingscale")
urlpatterns = router.urls
