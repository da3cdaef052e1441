"""Ships the default rating scale, so a new newsroom can rate claims on day one."""

from django.db import migrations

# (slug, label, value, colour, definition). Higher value is truer; ClaimReview's bestRating is 6 and
# worstRating 1. Colours meet WCAG AA contrast with white text.
DEFAULT_RATINGS = [
    ("true", "True", 6, "#1a7f37", "The statement is accurate and nothing significant is missing."),
    (
        "mostly-true",
        "Mostly true",
        5,
        "#3f7d20",
        "The statement is accurate but needs clarification or additional information.",
    ),
    (
        "half-true",
        "Half true",
        4,
        "#8a6100",
        "The statement is partly accurate but leaves out important details or takes things out of context.",
    ),
    (
        "misleading",
        "Misleading",
        3,
        "#b35900",
        "The statement contains accurate facts but is presented in a way that leaves a false impression.",
    ),
    (
        "mostly-false",
        "Mostly false",
        2,
        "#c2410c",
        "The statement contains an element of truth but ignores facts that would give a different impression.",
    ),
    ("false", "False", 1, "#b91c1c", "The statement is not accurate."),
]


def create_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("claims", "RatingScale")
    Rating = apps.get_model("claims", "Rating")
    scale, _ = RatingScale.objects.get_or_create(
        slug="standard",
        defaults={
            "name": "Standard scale",
            "description": "Six verdicts from True to False, for claims of fact.",
            "is_default": not RatingScale.objects.filter(is_default=True).exists(),
        },
    )
    for slug, label, value, colour, description in DEFAULT_RATINGS:
        Rating.objects.get_or_create(
            scale=scale,
            slug=slug,
            defaults={"label": label, "value": value, "colour": colour, "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(create_default_scale, migrations.RunPython.noop)]
