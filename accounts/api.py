"""/api/v1/auth/token/ (a password for a new token, with lockout) and /api/v1/tokens/ (a person's own
tokens: list, make one, revoke one). Thin: accounts.services does the work."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from accounts.models import ApiToken
from accounts.services import NewToken, token_create, token_revoke
from factcheck.api.fields import StrictFieldsMixin
from factcheck.api.permissions import actor


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
        read_only_fields = fields


class NewTokenSerializer(TokenSerializer):
    key = serializers.CharField(read_only=True, help_text="Shown this once; only its digest is kept.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


class TokenCreateSerializer(StrictFieldsMixin, serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False, default="API token")


class PasswordTokenSerializer(TokenCreateSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=1024, trim_whitespace=False)


def _shown_once(new: NewToken) -> dict[str, Any]:
    return {**TokenSerializer(new.token).data, "key": new.key}


class PasswordTokenView(APIView):
    """Exchange a user name and password for a new token. Failures count towards the login lockout."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        summary="Get a new API token with a user name and password",
        description=(
            "Makes a new token and shows its key once (only a digest is stored). After "
            "AXES_FAILURE_LIMIT failed attempts for one user name from one address, further attempts "
            "are refused with 429 for a cool-off period, right password or not."
        ),
        request=PasswordTokenSerializer,
        responses={
            201: NewTokenSerializer,
            400: OpenApiResponse(description="Wrong user name or password."),
            429: OpenApiResponse(description="Locked out after too many failures."),
        },
    )
    def post(self, request: Request) -> Response:
        form = PasswordTokenSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        # django-axes needs Django's own request: it marks a lockout on it for AxesMiddleware to answer.
        user = authenticate(
            request._request,
            username=form.validated_data["username"],
            password=form.validated_data["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": ["Those credentials do not match an active account."]}
            )
        new = token_create(user=user, name=form.validated_data["name"])
        return Response(_shown_once(new), status=status.HTTP_201_CREATED)


class TokenViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """The logged-in person's own API tokens. Nobody sees or revokes another person's tokens here."""

    permission_classes = [IsAuthenticated]
    serializer_class = TokenSerializer
    queryset = ApiToken.objects.none()

    def get_queryset(self) -> QuerySet[ApiToken]:
        return ApiToken.objects.filter(user=actor(self.request)).order_by("-created_at", "-id")

    @extend_schema(
        summary="Make a new API token (its key is shown once)",
        request=TokenCreateSerializer,
        responses={201: NewTokenSerializer},
    )
    def create(self, request: Request) -> Response:
        form = TokenCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        new = token_create(user=actor(request), name=form.validated_data["name"])
        return Response(_shown_once(new), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Revoke an API token", responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
