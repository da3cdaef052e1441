# Written by hand: a SQL function for the fuzzy speaker look-up (claims/search/speakers.py).

from django.db import migrations

# PostgreSQL prices a trigram comparison as if it cost no more than an equality and guesses that 1% of
# rows match, so on the alias table (a few thousand rows) it reads every row and computes the similarity
# of each (tens of milliseconds) instead of using the trigram index (under a millisecond). The function's
# own `SET enable_seqscan = off` holds only while it runs, so nothing else is planned differently, and
# the look-up stays one statement.
CREATE = """
CREATE FUNCTION factcheck_speaker_candidates(key text, wanted integer)
RETURNS TABLE (speaker_id bigint, matched text, full_name text, score real)
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
    WITH names AS (
        SELECT id AS speaker_id, normalised_name AS name FROM claims_speaker
        WHERE normalised_name % key OR key <% normalised_name
        UNION ALL
        SELECT speaker_id, normalised FROM claims_speakeralias
        WHERE normalised % key OR key <% normalised
    )
    SELECT n.speaker_id, n.name::text, s.normalised_name::text,
           GREATEST(similarity(n.name, key), word_similarity(key, n.name)) AS score
    FROM names n JOIN claims_speaker s ON s.id = n.speaker_id
    ORDER BY score DESC, n.speaker_id
    LIMIT wanted
$$
"""

DROP = "DROP FUNCTION IF EXISTS factcheck_speaker_candidates(text, integer)"


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_search")]

    operations = [migrations.RunSQL(CREATE, DROP)]
