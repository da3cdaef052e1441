"""The desk's views: thin callers of the desk's reads (claims/desk/selectors.py) and of the services."""
