"""Running the fact-check desk in production: backups, outage answers, read replicas, HTTP caching, and
the harness that loads and breaks a running server. Nothing here changes what the newsroom's data means."""
