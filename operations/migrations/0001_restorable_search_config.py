# factcheck_search_config() names the text search configurations without a schema, which resolves at
# run time through search_path. pg_restore runs with an empty search_path and computes the generated
# search columns with this function as it restores the quotes, so a backup could not be restored. The
# configurations live in the public schema (where the search migration created them); naming them
# there makes the function independent of search_path and changes nothing else it returns.

from django.db import migrations

from claims.search.languages import search_config_function

SCHEMA = "public"


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0007_search"),
    ]

    operations = [
        migrations.RunSQL(
            search_config_function(schema=SCHEMA, replace=True),
            search_config_function(replace=True),
        ),
    ]
