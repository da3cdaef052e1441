"""Tokens made before accounts existed (DRF's authtoken table, keys in clear) keep working: their
digests are copied in, named "DRF token". The old table is left for an administrator to drop once
nothing reads it (`DROP TABLE authtoken_token`); this migration never deletes data."""

import hashlib

from django.db import migrations


def copy_drf_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        token, _ = ApiToken.objects.get_or_create(
            digest=digest, defaults={"user_id": user_id, "name": "DRF token", "prefix": key[:8]}
        )
        ApiToken.objects.filter(pk=token.pk).update(created_at=created)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(copy_drf_tokens, migrations.RunPython.noop)]
