"""The sources app's router, mounted under /api/v1/ by factcheck/api/urls.py."""

from rest_framework.routers import SimpleRouter

from sources.api.views import OutletViewSet, SourceViewSet

router = SimpleRouter()
router.register("outlets", OutletViewSet, basename="outlet")
router.register("sources", SourceViewSet, basename="source")
urlpatterns = router.urls
