"""`manage.py drf_create_token <username>`, the name DRF's token app used, kept for the documented
contract and old scripts: the same as create_api_token (a new hashed token, key printed once)."""

from accounts.management.commands.create_api_token import Command as CreateApiToken


class Command(CreateApiToken):
    help = "Make a new API token for a user and print its key (same as create_api_token)."
