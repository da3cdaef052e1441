"""Similar claims block and rank on the statement alone (a small vector stored in the row), and the search
box looks speakers up with closer trigram thresholds than the name-matching endpoint.

factcheck_speaker_close_candidates is factcheck_speaker_candidates (0008) with pg_trgm's thresholds
raised for the duration of the call: names at least half alike, or a part of a name at least 0.8 alike.
The trigram index then discards most rows itself (it checks the threshold against the trigram count)
instead of handing thousands to the recheck: on the 1M-quote archive a rare word typed into the search
box cost 12-24 ms at 0.3/0.6, 3-8 ms at 0.5/0.8.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations, models

CLOSE = """
CREATE FUNCTION factcheck_speaker_close_candidates(key text, wanted integer)
RETURNS TABLE (speaker_id bigint, matched text, full_name text, score real)
LANGUAGE sql STABLE
SET enable_seqscan = off
SET pg_trgm.similarity_threshold = 0.5
SET pg_trgm.word_similarity_threshold = 0.8
AS $$ SELECT * FROM factcheck_speaker_candidates(key, wanted) $$
"""
DROP_CLOSE = "DROP FUNCTION IF EXISTS factcheck_speaker_close_candidates(text, integer)"


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0009_public_latest_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunSQL(CLOSE, DROP_CLOSE),
        migrations.AddField(
            model_name='claim',
            name='statement_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.SearchVector('statement', 'short_statement', config='factcheck_newsroom', weight='A'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(fields=['statement_vector'], name='claims_claim_stmt_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('state__in', ['published', 'retracted'])), fields=['statement_vector'], name='claims_claim_pub_stmt_idx'),
        ),
    ]
