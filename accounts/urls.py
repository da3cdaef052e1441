"""The accounts app's API routes, mounted under /api/v1/ by factcheck/api/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.api import PasswordTokenView, TokenViewSet

router = SimpleRouter()
router.register("tokens", TokenViewSet, basename="token")
urlpatterns = [path("auth/token/", PasswordTokenView.as_view(), name="auth-token"), *router.urls]
