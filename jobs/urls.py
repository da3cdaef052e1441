"""The jobs app's API routes, mounted under /api/v1/ by factcheck/api/urls.py."""

from rest_framework.routers import SimpleRouter

from jobs.api import JobViewSet

router = SimpleRouter()
router.register("jobs", JobViewSet, basename="job")
urlpatterns = router.urls
