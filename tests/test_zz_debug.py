import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_b(live_server, page):
    print("B groups", list(Group.objects.values_list("name", flat=True)))
