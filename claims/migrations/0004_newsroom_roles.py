"""Creates the newsroom's two roles as groups: Reporter and Editor.

Reporters log speakers, outlets, sources and quotes and draft claims; Editors may also delete and repair
data through the admin. What each role may do in the workflow (approve, publish...) is decided by the
workflow module from group membership, not by these model permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER_MODELS = {
    "sources": ["outlet", "source"],
    "claims": [
        "speaker",
        "speakeralias",
        "quote",
        "claim",
        "claimappearance",
        "citation",
        "claimrelation",
        "comment",
    ],
}
READ_ONLY_MODELS = {"claims": ["rating", "ratingscale", "topic", "reviewevent", "correction", "ratingvote"]}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    reporter, _ = Group.objects.get_or_create(name="Reporter")
    editor, _ = Group.objects.get_or_create(name="Editor")

    reporter_perms = []
    for app_label, models in REPORTER_MODELS.items():
        for model in models:
            for action in ("add", "change", "view"):
                reporter_perms.append((app_label, f"{action}_{model}"))
    for app_label, models in READ_ONLY_MODELS.items():
        reporter_perms.extend((app_label, f"view_{model}") for model in models)
    reporter.permissions.add(
        *[Permission.objects.get(content_type__app_label=app, codename=code) for app, code in reporter_perms]
    )
    # Editors may do everything to the newsroom's records, but history is written only by the database.
    editor.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["claims", "sources"]).exclude(
            content_type__model__endswith="event", codename__regex=r"^(add|change|delete)_"
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporter", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_review_and_history"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
